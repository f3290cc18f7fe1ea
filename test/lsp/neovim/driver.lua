-- Drives headless Neovim, started with the README's configuration (docs/editors/neovim/kata-config.lua)
-- on a Kata config, through Neovim's own LSP client: waits for diagnostics, asks for completion and
-- applies every key item the two ways Neovim 0.7 can (the word its omnifunc inserts, and the item's
-- textEdit), hovers, applies a quick fix. Writes what it saw as JSON to $KATA_EDITOR_OUT for
-- test/lsp/neovim.test.ts, which checks it; it never judges anything itself.
local params = vim.fn.json_decode(table.concat(vim.fn.readfile(vim.env.KATA_EDITOR_PARAMS), '\n'))
local out = { steps = {} }

local function step(name) table.insert(out.steps, name) end

local function text_of(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end

local function first_result(responses)
  for _, r in pairs(responses or {}) do
    if r.result ~= nil then return r.result end
  end
  return nil
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local original = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  out.attached = vim.wait(20000, function() return #vim.lsp.buf_get_clients(buf) > 0 end, 20)
  step('attached')
  if not out.attached then return end
  out.capabilities = vim.lsp.protocol.make_client_capabilities()

  vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out.diagnostics, { line = d.lnum, col = d.col, severity = d.severity, code = d.code or lsp.code, message = d.message })
  end
  step('diagnostics')

  -- Completion at the start of an empty line, as <C-x><C-o> there would ask it.
  local line = params.completionLine
  vim.api.nvim_win_set_cursor(0, { line + 1, 0 })
  local result = first_result(vim.lsp.buf_request_sync(buf, 'textDocument/completion', vim.lsp.util.make_position_params(), 10000))
  local items = vim.lsp.util.extract_completion_items(result or {})
  -- What vim.lsp.omnifunc hands to complete(): one word per item, inserted at the cursor.
  local words = {}
  for _, m in ipairs(vim.lsp.util.text_document_completion_list_to_complete_items(result or {}, '')) do
    words[m.user_data.nvim.lsp.completion_item.label] = m.word
  end
  out.completion = {}
  for _, item in ipairs(items) do
    if item.kind == 10 then
      local entry = { label = item.label, format = item.insertTextFormat, additional = item.additionalTextEdits ~= nil, word = words[item.label] }
      local scratch = vim.api.nvim_create_buf(false, true)
      vim.api.nvim_buf_set_lines(scratch, 0, -1, false, original)
      if entry.word then
        vim.api.nvim_buf_set_text(scratch, line, 0, line, 0, { entry.word })
        entry.omnifunc = text_of(scratch)
        vim.api.nvim_buf_set_lines(scratch, 0, -1, false, original)
      end
      if item.textEdit then
        vim.lsp.util.apply_text_edits({ item.textEdit }, scratch, 'utf-16')
        entry.textEdit = text_of(scratch)
      end
      vim.api.nvim_buf_delete(scratch, { force = true })
      table.insert(out.completion, entry)
    end
  end
  step('completion')

  local hover = first_result(vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = params.hover,
  }, 10000))
  out.hover = hover and hover.contents or vim.NIL
  step('hover')

  -- The quick fix of the error, as vim.lsp.buf.code_action() asks for it on that line.
  local lsp_diags = vim.lsp.diagnostic.get_line_diagnostics(buf, params.fix.line)
  local target
  for _, d in ipairs(lsp_diags) do
    if d.code == params.fix.code then target = d end
  end
  if not target then return end
  local actions = first_result(vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = target.range,
    context = { diagnostics = lsp_diags },
  }, 10000)) or {}
  out.actions = {}
  for _, a in ipairs(actions) do
    table.insert(out.actions, a.title)
    if a.title == params.fix.title and a.edit then
      vim.lsp.util.apply_workspace_edit(a.edit, 'utf-16')
      out.applied = a.title
    end
  end
  step('code action')
  if not out.applied then return end
  -- The edit is sent to the server as didChange; the error's diagnostic goes once it is validated.
  out.fixed = vim.wait(20000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == params.fix.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == params.fix.code) then return false end
    end
    return true
  end, 20)
  out.afterFix = text_of(buf)
  step('fixed')
end

local ok, err = pcall(run)
if not ok then out.error = tostring(err) end
vim.fn.writefile({ vim.fn.json_encode(out) }, vim.env.KATA_EDITOR_OUT)
vim.cmd('qa!')
