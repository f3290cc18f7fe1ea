/**
 * The tables of a Kata config as kata-config names them, the decoder table each maps to, and the
 * tables people write that no decoder reads. Which releases read a table, and whether it rejects
 * unknown keys, is generated (../facts/decoders.json).
 */
import type { TableKnowledge } from './types';

const GO = 'src/runtime/pkg/katautils/config.go';
const RS = 'src/libs/kata-types/src/config';

export const TABLE_KNOWLEDGE: readonly TableKnowledge[] = [
  { runtime: 'go', kind: 'hypervisor', header: '[hypervisor.<name>]', path: 'hypervisor.<name>', source: `${GO}: tomlConfig.Hypervisor, updateRuntimeConfigHypervisor` },
  { runtime: 'go', kind: 'agent', header: '[agent.<name>]', path: 'agent.<name>', source: `${GO}: tomlConfig.Agent, updateRuntimeConfigAgent` },
  { runtime: 'go', kind: 'runtime', header: '[runtime]', path: 'runtime', source: `${GO}: tomlConfig.Runtime, updateRuntimeConfigRuntime` },
  { runtime: 'go', kind: 'factory', header: '[factory]', path: 'factory', source: `${GO}: tomlConfig.Factory, updateFactoryConfig` },
  { runtime: 'go', kind: 'image', header: '[image]', path: 'image', source: `${GO}: tomlConfig.Image` },
  { runtime: 'go', kind: 'guest_extension_images', header: '[[hypervisor.<name>.guest_extension_images]]', path: 'hypervisor.<name>.guest_extension_images[]', arrayOfTables: true, source: `${GO}: hypervisor.GuestExtensionImages, toGuestExtensionImages` },

  { runtime: 'rs', kind: 'hypervisor', header: '[hypervisor.<name>]', path: 'hypervisor.<name>', source: `${RS}/hypervisor/mod.rs: Hypervisor, Hypervisor::adjust_config` },
  { runtime: 'rs', kind: 'agent', header: '[agent.<name>]', path: 'agent.<name>', source: `${RS}/agent.rs: Agent` },
  { runtime: 'rs', kind: 'mem_agent', header: '[agent.<name>.mem_agent]', path: 'agent.<name>.mem_agent', source: `${RS}/agent.rs: MemAgent` },
  { runtime: 'rs', kind: 'runtime', header: '[runtime]', path: 'runtime', source: `${RS}/runtime.rs: Runtime` },
  { runtime: 'rs', kind: 'shared_mounts', header: '[[runtime.shared_mounts]]', path: 'runtime.shared_mounts[]', arrayOfTables: true, source: `${RS}/shared_mount.rs: SharedMount` },
  { runtime: 'rs', kind: 'hypervisor.factory', header: '[hypervisor.<name>.factory]', path: 'hypervisor.<name>.factory', source: `${RS}/hypervisor/mod.rs: Factory` },
  { runtime: 'rs', kind: 'guest_extension_images', header: '[[hypervisor.<name>.guest_extension_images]]', path: 'hypervisor.<name>.guest_extension_images[]', arrayOfTables: true, source: `${RS}/hypervisor/mod.rs: GuestExtensionImage` },
  { runtime: 'rs', kind: 'rootless_user', header: '[hypervisor.<name>.rootless_user]', path: 'hypervisor.<name>.rootless_user', source: `${RS}/hypervisor/mod.rs: RootlessUser` },
  {
    runtime: 'rs',
    kind: 'factory',
    header: '[factory]',
    ignored: 'runtime-rs has no top-level [factory] table (VM templating lives in [hypervisor.<name>.factory] since 3.32.0)',
    source: `${RS}/mod.rs: TomlConfig (fields agent, hypervisor, runtime only)`,
  },
  { runtime: 'rs', kind: 'image', header: '[image]', ignored: 'runtime-rs has no [image] table', source: `${RS}/mod.rs: TomlConfig (fields agent, hypervisor, runtime only)` },
];
