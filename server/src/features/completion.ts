/**
 * Completion for Kata configs, driven only by the schema and the detected target: table headers,
 * keys (as `key = value` snippets, or uncommenting a documented `#key = value` line), and values
 * (allowed values with their meaning, booleans, files on disk for path keys).
 */
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { hypervisorByTable } from '../kata/catalog';
import { compareVersions } from '../kata/releases';
import { classifyTable, KataSchema, typeIn, type KeySpec, type TableKind } from '../kata/schema';
import type { Target } from '../kata/target';
import { parseToml, tableAt, type Span, type TomlDocument } from '../toml';
import type { Host } from '../host';
import { cursorContext, type CursorContext } from './query';
import { formatValue, keyDetail, keyMarkdown, keyShortMarkdown, shippedDefault } from './keyDocs';
import { toRange } from './ranges';

export interface CompletionDeps {
  host?: Host;
  /**
   * A key item's documentation: `full` (the key's hover), `short` (its summary, default and allowed
   * values: for clients that cannot resolve items lazily, so one answer stays small), or `lazy` (none;
   * `data.kataKey` says which key, for resolveKeyDocumentation when the client shows the item).
   */
  docs?: 'full' | 'short' | 'lazy';
  /** Key items as snippets (tab stops, choice lists); false: plain text that is valid TOML as inserted. Default true. */
  snippets?: boolean;
  /**
   * The client applies a completion item's additionalTextEdits (default true). Without them a
   * documented `#key = value` line is offered as its `key = value` at the cursor instead of uncommented.
   */
  additionalEdits?: boolean;
  /** Hypervisor annotation names for enable_annotations items. */
  annotations?: (target: Target) => Array<{ name: string; key?: string; note?: string }>;
}

/** Keys people change most, offered first (the rest follow: shipped keys, then alphabetical). */
const COMMON = [
  'path', 'kernel', 'image', 'initrd', 'machine_type', 'default_vcpus', 'default_maxvcpus', 'default_memory', 'default_maxmemory',
  'shared_fs', 'virtio_fs_daemon', 'virtio_fs_cache', 'block_device_driver', 'kernel_params', 'enable_debug', 'enable_annotations',
  'confidential_guest', 'enable_iommu', 'hot_plug_vfio', 'cold_plug_vfio', 'pcie_root_port', 'firmware', 'enable_hugepages',
  'internetworking_model', 'hypervisor_name', 'agent_name', 'name', 'sandbox_cgroup_only', 'static_sandbox_resource_mgmt',
  'disable_new_netns', 'enable_tracing', 'create_container_timeout', 'debug_console_enabled', 'kernel_modules', 'dial_timeout_ms',
  'enable_template', 'template_path',
];

function sortKey(spec: KeySpec): string {
  const i = COMMON.indexOf(spec.key);
  if (i >= 0) return `0${String(i).padStart(3, '0')}`;
  return `${spec.default !== undefined || spec.defaultByHypervisor ? '1' : '2'}${spec.key}`;
}

function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, (c) => `\\${c}`);
}

function escapeChoice(s: string): string {
  return s.replace(/[$}\\,|]/g, (c) => `\\${c}`);
}

/** The inside of a TOML basic string holding `s` (JSON's escapes are TOML's for every character JSON escapes). */
function tomlStringBody(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/**
 * A number as TOML writes it. An integer beyond 2^53 is a 64-bit limit the facts could only hold as
 * the nearest double (i64::MAX became 2^63, which TOML refuses): it is written clamped to TOML's range.
 */
function tomlNumber(v: unknown): string {
  if (typeof v !== 'number' || !Number.isInteger(v) || Number.isSafeInteger(v)) return String(v);
  const n = BigInt(v);
  return String(n > MAX_I64 ? MAX_I64 : n < MIN_I64 ? MIN_I64 : n);
}
const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;

/**
 * What accepting a key inserts: `key = value` with the default value, an enum's values, a path or
 * list to fill in. As a snippet (`snippet`: the client announced snippetSupport) the value is a tab
 * stop or a choice list; as plain text it is the default or the first choice, so that the line is
 * valid TOML as inserted (a string key gets `""`, a list `[]`).
 */
export function keyInsertText(schema: KataSchema, spec: KeySpec, hypervisor: string | undefined, release: Target['release'], snippet = true): string {
  const t = typeIn(spec, release);
  const def = shippedDefault(schema, spec, hypervisor);
  const allowed = [...new Set(schema.allowedValues(spec, hypervisor).flatMap((a) => a.values))];
  const stop = (text: string) => (snippet ? `\${1:${escapeSnippet(text)}}` : text);
  const choice = (values: string[]) => (snippet ? `\${1|${values.map(escapeChoice).join(',')}|}` : values[0]);
  if (t === 'bool') {
    const first = def === true ? 'true' : 'false';
    return `${spec.key} = ${choice([first, first === 'true' ? 'false' : 'true'])}`;
  }
  if (allowed.length) {
    const ordered = def !== undefined && allowed.includes(def as string) ? [def as string | number, ...allowed.filter((v) => v !== def)] : allowed;
    return t === 'string' ? `${spec.key} = "${choice(ordered.map((v) => tomlStringBody(String(v))))}"` : `${spec.key} = ${choice(ordered.map(tomlNumber))}`;
  }
  if (t === 'string') return `${spec.key} = "${stop(typeof def === 'string' ? tomlStringBody(def) : '')}"`;
  if (t === 'string[]' || t === 'u32[]') return `${spec.key} = [${stop(Array.isArray(def) && def.length ? formatValue(def).slice(1, -1) : '')}]`;
  return `${spec.key} = ${stop(def !== undefined && !Array.isArray(def) ? tomlNumber(def) : '0')}`;
}

/**
 * Documented keys of a section: `#key = value` comment lines between its header and the next one
 * whose text, uncommented, is a whole TOML key/value line (a commented multi-line array is not:
 * uncommenting its first line would break the file). `text` is that line without its `#`.
 */
function commentedKeys(doc: TomlDocument, ctx: Extract<CursorContext, { kind: 'key' }>): Map<string, { span: Span; line: string; text: string }> {
  const out = new Map<string, { span: Span; line: string; text: string }>();
  const start = ctx.header?.end ?? 0;
  const next = doc.tree.tables.find((t) => t.start > start);
  const end = next?.start ?? doc.text.length;
  for (const c of doc.tree.comments) {
    if (c.start < start || c.start >= end) continue;
    const m = /^(\s*)([a-z][a-z0-9_]*)\s*=\s*\S/.exec(c.text);
    if (!m || out.has(m[2])) continue;
    // Only a comment alone on its line is a documented, commented-out key.
    const lineStart = doc.lines.lineStart(doc.lines.positionAt(c.start).line);
    if (doc.text.slice(lineStart, c.start).trim() !== '') continue;
    const text = c.text.slice(m[1].length).trimEnd();
    if (parseToml(text).errors.length) continue;
    out.set(m[2], { span: { start: c.start, end: c.start + 1 + m[1].length }, line: `#${c.text}`, text });
  }
  return out;
}

function headerItems(doc: TomlDocument, target: Target, ctx: Extract<CursorContext, { kind: 'header' }>): CompletionItem[] {
  const schema = KataSchema.of(target);
  // Tables already in the file, except the header being typed.
  const present = new Set(
    doc.tree.tables.filter((t) => t.key && !(t.start <= ctx.replace.start && ctx.replace.start <= t.end)).map((t) => t.key!.parts.map((p) => p.name).join('.')),
  );
  const items: Array<{ label: string; kind: TableKind; doc: string; array: boolean }> = [];
  const hypervisors = schema.hypervisorTables();
  for (const h of hypervisors) {
    const info = hypervisorByTable(h, target.runtime);
    items.push({ label: `hypervisor.${h}`, kind: 'hypervisor', doc: info ? `**${info.displayName}**\n\n${info.summary}` : '', array: false });
  }
  const presentHypervisors = doc.root.entries.get('hypervisor');
  const named = presentHypervisors?.type === 'table' ? [...presentHypervisors.entries.keys()] : [];
  items.push({ label: 'agent.kata', kind: 'agent', doc: 'Settings of the kata-agent that runs inside the VM.', array: false });
  items.push({ label: 'runtime', kind: 'runtime', doc: 'Settings of the Kata runtime (shim) itself.', array: false });
  if (schema.readsTable('factory')) items.push({ label: 'factory', kind: 'factory', doc: 'VM factory: templating and the VM cache (Go runtime).', array: false });
  if (schema.readsTable('image')) items.push({ label: 'image', kind: 'image', doc: 'Guest image provisioning (Go runtime 3.2.0).', array: false });
  if (schema.readsTable('mem_agent')) items.push({ label: 'agent.kata.mem_agent', kind: 'mem_agent', doc: 'The guest memory agent (runtime-rs).', array: false });
  if (schema.readsTable('shared_mounts')) items.push({ label: 'runtime.shared_mounts', kind: 'shared_mounts', doc: 'A directory shared between two containers of the pod (runtime-rs).', array: true });
  for (const h of named.length ? named : hypervisors) {
    if (schema.readsTable('hypervisor.factory')) items.push({ label: `hypervisor.${h}.factory`, kind: 'hypervisor.factory', doc: 'VM templating for this hypervisor (runtime-rs).', array: false });
    if (schema.readsTable('rootless_user')) items.push({ label: `hypervisor.${h}.rootless_user`, kind: 'rootless_user', doc: 'The user a rootless VMM runs as (runtime-rs).', array: false });
    if (schema.readsTable('guest_extension_images')) items.push({ label: `hypervisor.${h}.guest_extension_images`, kind: 'guest_extension_images', doc: 'An extra read-only disk image attached to the guest.', array: true });
  }
  const after = doc.text.slice(ctx.replace.end, doc.lines.lineEnd(doc.lines.positionAt(ctx.replace.end).line));
  const close = ctx.array ? (after.startsWith(']]') ? '' : ']]') : after.startsWith(']') ? '' : ']';
  return items
    .filter((i) => i.array === ctx.array && (i.array || !present.has(i.label)))
    .map((i, n) => ({
      label: i.label,
      kind: CompletionItemKind.Module,
      detail: ctx.array ? `[[${i.label}]]` : `[${i.label}]`,
      documentation: i.doc ? { kind: 'markdown', value: i.doc } : undefined,
      sortText: String(n).padStart(3, '0'),
      textEdit: { range: toRange(doc.lines, ctx.replace), newText: `${i.label}${close}` },
    }));
}

/**
 * What resolveKeyDocumentation needs to document a lazily sent key item. The key is the item's
 * label, so every key item of a table carries the same data and a client that takes LSP 3.17's
 * `itemDefaults.data` gets it once per answer (completionList.ts).
 */
export interface KeyItemData {
  kataKey: { kind: TableKind; hypervisor?: string };
}

/** The full documentation of the key `key` of an item sent with `docs: 'lazy'`. */
export function resolveKeyDocumentation(target: Target, data: KeyItemData, key: string): CompletionItem['documentation'] {
  const schema = KataSchema.of(target);
  const spec = schema.spec(data.kataKey.kind, key);
  return spec ? { kind: 'markdown', value: keyMarkdown(schema, spec, target, data.kataKey.hypervisor) } : undefined;
}

/** How key items are written for the client (CompletionDeps). */
interface KeyItemStyle {
  docs: 'full' | 'short' | 'lazy';
  snippets: boolean;
  additionalEdits: boolean;
}

function keyItems(doc: TomlDocument, target: Target, ctx: Extract<CursorContext, { kind: 'key' }>, style: KeyItemStyle): CompletionItem[] {
  const ref = classifyTable(ctx.table);
  if (!ref) return [];
  const schema = KataSchema.of(target);
  if (!schema.readsTable(ref.kind)) return [];
  const table = tableAt(doc.root, ctx.table);
  const present = new Set(table ? [...table.entries.keys()] : []);
  const commented = commentedKeys(doc, ctx);
  const range = toRange(doc.lines, ctx.replace);
  const { docs } = style;
  const format = style.snippets ? { insertTextFormat: InsertTextFormat.Snippet } : {};
  const items: CompletionItem[] = [];
  const data: KeyItemData | undefined = docs === 'lazy' ? { kataKey: { kind: ref.kind, ...(ref.hypervisor ? { hypervisor: ref.hypervisor } : {}) } } : undefined;
  for (const spec of schema.keys(ref.kind, ref.hypervisor)) {
    if (present.has(spec.key) && spec.key !== ctx.typed) continue;
    const documentation =
      docs === 'lazy' ? undefined : { kind: 'markdown' as const, value: docs === 'short' ? keyShortMarkdown(schema, spec, target, ref.hypervisor) : keyMarkdown(schema, spec, target, ref.hypervisor) };
    const detail = keyDetail(schema, spec, target, ref.hypervisor);
    const summary = schema.doc(spec)?.summary;
    const hidden = commented.get(spec.key);
    if (hidden) {
      const line = doc.lines.positionAt(hidden.span.start).line + 1;
      const common = { label: spec.key, kind: CompletionItemKind.Property, documentation, ...(data ? { data } : {}), sortText: sortKey(spec), filterText: spec.key };
      // Uncommenting edits another line: only for clients that apply additionalTextEdits. The
      // others get the documented line's `key = value` at the cursor, the comment left as it is.
      items.push(
        style.additionalEdits
          ? {
              ...common,
              labelDetails: { description: `uncomment line ${line}` },
              detail: `${hidden.line.trim()} (line ${line}) · ${detail}`,
              textEdit: { range, newText: '' },
              additionalTextEdits: [{ range: toRange(doc.lines, hidden.span), newText: '' }],
            }
          : {
              ...common,
              labelDetails: { description: `as on line ${line}` },
              detail: `${hidden.text} (as on line ${line}) · ${detail}`,
              textEdit: { range, newText: hidden.text },
            },
      );
      continue;
    }
    items.push({
      label: spec.key,
      labelDetails: summary ? { description: summary } : undefined,
      kind: CompletionItemKind.Property,
      detail,
      documentation,
      ...(data ? { data } : {}),
      sortText: sortKey(spec),
      ...format,
      textEdit: { range, newText: keyInsertText(schema, spec, ref.hypervisor, target.release, style.snippets) },
    });
  }
  // Keys Kata reads only in other releases are shown struck through, so a user sees why they are absent.
  for (const spec of schema.specsOf(ref.kind)) {
    if (spec.ignored || spec.releases.has(target.release) || spec.releases.isEmpty || present.has(spec.key) || spec.type === 'table' || spec.type === 'table[]') continue;
    const newer = compareVersions(spec.releases.first()!, target.release) > 0;
    items.push({
      label: spec.key,
      kind: CompletionItemKind.Property,
      tags: [CompletionItemTag.Deprecated],
      detail: `${newer ? 'Kata ' : ''}${spec.releases.describe()} · Kata ${target.release} ignores it`,
      // documented on resolve like the others, which also lets the whole list share one data
      ...(data ? { data } : {}),
      sortText: `9${spec.key}`,
      ...format,
      textEdit: { range, newText: keyInsertText(schema, spec, ref.hypervisor, target.release, style.snippets) },
    });
  }
  return items;
}

function valueItems(doc: TomlDocument, target: Target, ctx: Extract<CursorContext, { kind: 'value' }>, deps: CompletionDeps): CompletionItem[] {
  const ref = classifyTable(ctx.table);
  if (!ref) return [];
  const schema = KataSchema.of(target);
  const spec = schema.spec(ref.kind, ctx.key);
  if (!spec) return [];
  const range = toRange(doc.lines, ctx.replace);
  const t = typeIn(spec, target.release);
  const quote = (v: string) => (ctx.inString ? v : JSON.stringify(v));
  const docs = schema.doc(spec);

  if (ctx.inArray && spec.format === 'regexes' && deps.annotations) {
    return deps.annotations(target).map((a) => ({
      label: a.name,
      kind: CompletionItemKind.EnumMember,
      detail: a.key ? `overrides ${a.key}` : 'annotation',
      documentation: a.note ? { kind: 'markdown', value: `\`io.katacontainers.config.hypervisor.${a.name}\`\n\n${a.note}` } : undefined,
      textEdit: { range, newText: quote(`^${a.name}$`) },
      filterText: ctx.inString ? `^${a.name}$` : `"^${a.name}$"`,
    }));
  }
  if ((spec.format === 'path' || (spec.format === 'paths' && ctx.inArray)) && ctx.inString && deps.host) return pathItems(doc, ctx, deps.host);

  const allowed = [...new Set(schema.allowedValues(spec, ref.hypervisor).flatMap((a) => a.values))];
  if (allowed.length && !ctx.inArray) {
    const def = shippedDefault(schema, spec, ref.hypervisor);
    return allowed.map((v, i) => ({
      label: String(v),
      kind: CompletionItemKind.EnumMember,
      detail: v === def ? 'default' : undefined,
      documentation: docs?.values?.[String(v)] ? { kind: 'markdown', value: docs.values[String(v)] } : undefined,
      sortText: v === def ? '0' : `1${String(i).padStart(2, '0')}`,
      preselect: v === def || undefined,
      textEdit: { range, newText: typeof v === 'string' ? quote(v) : tomlNumber(v) },
    }));
  }
  if (t === 'bool' && !ctx.inString) {
    return ['true', 'false'].map((v) => ({ label: v, kind: CompletionItemKind.Keyword, detail: shippedDefault(schema, spec, ref.hypervisor) === (v === 'true') ? 'default' : undefined, textEdit: { range, newText: v } }));
  }
  const def = shippedDefault(schema, spec, ref.hypervisor);
  if (def !== undefined && !ctx.inArray && !Array.isArray(def) && def !== '') {
    return [{ label: String(def), kind: CompletionItemKind.Value, detail: 'the shipped value', textEdit: { range, newText: typeof def === 'string' ? quote(def) : tomlNumber(def) } }];
  }
  return [];
}

/** Files and folders next to the typed part of a path. */
function pathItems(doc: TomlDocument, ctx: Extract<CursorContext, { kind: 'value' }>, host: Host): CompletionItem[] {
  const typed = ctx.typed;
  const slash = typed.lastIndexOf('/');
  if (slash < 0) return [];
  const dir = typed.slice(0, slash + 1);
  const entries = host.list(dir) ?? [];
  const start = ctx.replace.start + slash + 1;
  const range = toRange(doc.lines, { start, end: ctx.replace.end });
  return entries
    .filter((e) => !e.name.startsWith('.') || typed.slice(slash + 1).startsWith('.'))
    .slice(0, 500)
    .map((e) => ({
      label: e.directory ? `${e.name}/` : e.name,
      kind: e.directory ? CompletionItemKind.Folder : CompletionItemKind.File,
      sortText: `${e.directory ? '0' : '1'}${e.name}`,
      textEdit: { range, newText: e.directory ? `${e.name}/` : e.name } as TextEdit,
      command: e.directory ? { title: 'more', command: 'editor.action.triggerSuggest' } : undefined,
    }));
}

export function completions(doc: TomlDocument, target: Target, offset: number, deps: CompletionDeps = {}): CompletionItem[] {
  const ctx = cursorContext(doc, offset);
  switch (ctx.kind) {
    case 'header':
      return compactSortTexts(headerItems(doc, target, ctx));
    case 'key':
      return compactSortTexts(keyItems(doc, target, ctx, { docs: deps.docs ?? 'full', snippets: deps.snippets ?? true, additionalEdits: deps.additionalEdits ?? true }));
    case 'value':
      return compactSortTexts(valueItems(doc, target, ctx, deps));
    default:
      return [];
  }
}

/**
 * The items with each sort text replaced by its rank among them, of one fixed width: the same
 * order (equal sort texts stay equal, so a client still breaks those ties by label) in two or three
 * characters instead of a key's name. Items without a sort text sort by their label, as a client would.
 */
export function compactSortTexts(items: CompletionItem[]): CompletionItem[] {
  const sortTexts = items.map((i) => (i.sortText ?? i.label).toLowerCase());
  const distinct = [...new Set(sortTexts)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(distinct.map((t, i) => [t, i]));
  const width = String(Math.max(distinct.length - 1, 0)).length;
  return items.map((item, i) => ({ ...item, sortText: String(rank.get(sortTexts[i])).padStart(width, '0') }));
}
