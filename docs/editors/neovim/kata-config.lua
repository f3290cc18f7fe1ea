-- kata-config for Neovim's built-in LSP client (Neovim 0.7 and later; no plugin needed).
-- Put it in your init.lua, or save it as ~/.config/nvim/plugin/kata-config.lua.
local kata = { client = nil }

-- Kata configs: Kata's file names, files under a kata-containers/ folder, drop-ins in the config.d/
-- folder beside a configuration*.toml, and any other .toml with a [hypervisor.<name>] table.
local function is_kata(buf)
  local name = vim.api.nvim_buf_get_name(buf)
  local base = vim.fn.fnamemodify(name, ':t')
  if base:match('^configuration.*%.toml$') or base:match('^configuration.*%.toml%.in$') then return true end
  if name:match('/kata%-containers/') then return true end
  if name:match('/config%.d/[^/]+$') then return #vim.fn.glob(vim.fn.fnamemodify(name, ':h:h') .. '/configuration*.toml', false, true) > 0 end
  if not name:match('%.toml$') then return false end
  for _, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, 200, false)) do
    if line:match('^%s*%[hypervisor%.') then return true end
  end
  return false
end

local function start()
  if kata.client and vim.lsp.get_client_by_id(kata.client) then return kata.client end
  kata.client = vim.lsp.start_client({
    name = 'kata-config',
    cmd = { 'kata-config-language-server', '--stdio' },
    root_dir = vim.fn.getcwd(),
    -- Any of kata.release, kata.arch, kata.hostChecks, kata.inlayHints.effectiveValues.
    settings = { kata = { hostChecks = 'auto' } },
    on_init = function(client)
      -- Neovim 0.7 does not send settings by itself (0.8+ answers workspace/configuration too).
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
    on_attach = function(_, buf)
      vim.api.nvim_buf_set_option(buf, 'omnifunc', 'v:lua.vim.lsp.omnifunc')
      local opts = { buffer = buf }
      vim.keymap.set('n', 'K', vim.lsp.buf.hover, opts)
      vim.keymap.set('n', '<leader>ca', vim.lsp.buf.code_action, opts)
      vim.keymap.set('n', '[d', vim.diagnostic.goto_prev, opts)
      vim.keymap.set('n', ']d', vim.diagnostic.goto_next, opts)
    end,
  })
  return kata.client
end

vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  pattern = { '*.toml', '*.toml.in', '*/config.d/*' },
  callback = function(args)
    if not is_kata(args.buf) then return end
    local client = start()
    if client then vim.lsp.buf_attach_client(args.buf, client) end
  end,
})
