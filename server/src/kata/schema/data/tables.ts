/** The tables each runtime reads, per release. */
import type { TableSpec } from '../types';

const GO = 'src/runtime/pkg/katautils/config.go';
const RS = 'src/libs/kata-types/src/config';
const ALL = ['3.2.0', '3.10.0', '3.20.0', '3.32.0', '4.1.0'] as const;
const SINCE_3_32 = ['3.32.0', '4.1.0'] as const;

export const TABLES: readonly TableSpec[] = [
  { runtime: 'go', kind: 'hypervisor', header: '[hypervisor.<name>]', releases: ALL, source: `${GO}: tomlConfig.Hypervisor, updateRuntimeConfigHypervisor` },
  { runtime: 'go', kind: 'agent', header: '[agent.<name>]', releases: ALL, source: `${GO}: tomlConfig.Agent, updateRuntimeConfigAgent` },
  { runtime: 'go', kind: 'runtime', header: '[runtime]', releases: ALL, source: `${GO}: tomlConfig.Runtime, updateRuntimeConfigRuntime` },
  { runtime: 'go', kind: 'factory', header: '[factory]', releases: ALL, source: `${GO}: tomlConfig.Factory, updateFactoryConfig` },
  { runtime: 'go', kind: 'image', header: '[image]', releases: ['3.2.0'], source: `${GO}: tomlConfig.Image (3.2.0)` },
  {
    runtime: 'go',
    kind: 'guest_extension_images',
    header: '[[hypervisor.<name>.guest_extension_images]]',
    arrayOfTables: true,
    releases: ['4.1.0'],
    source: `${GO}: hypervisor.GuestExtensionImages, toGuestExtensionImages`,
  },

  { runtime: 'rs', kind: 'hypervisor', header: '[hypervisor.<name>]', releases: ALL, source: `${RS}/hypervisor/mod.rs: Hypervisor, Hypervisor::adjust_config` },
  { runtime: 'rs', kind: 'agent', header: '[agent.<name>]', releases: ALL, rejectsUnknownKeys: SINCE_3_32, source: `${RS}/agent.rs: Agent (deny_unknown_fields since 3.32.0)` },
  {
    runtime: 'rs',
    kind: 'mem_agent',
    header: '[agent.<name>.mem_agent]',
    releases: ['3.20.0', '3.32.0', '4.1.0'],
    rejectsUnknownKeys: SINCE_3_32,
    source: `${RS}/agent.rs: MemAgent (deny_unknown_fields since 3.32.0)`,
  },
  { runtime: 'rs', kind: 'runtime', header: '[runtime]', releases: ALL, source: `${RS}/runtime.rs: Runtime` },
  {
    runtime: 'rs',
    kind: 'shared_mounts',
    header: '[[runtime.shared_mounts]]',
    arrayOfTables: true,
    releases: ['3.10.0', '3.20.0', '3.32.0', '4.1.0'],
    rejectsUnknownKeys: SINCE_3_32,
    source: `${RS}/shared_mount.rs: SharedMount (deny_unknown_fields since 3.32.0)`,
  },
  {
    runtime: 'rs',
    kind: 'hypervisor.factory',
    header: '[hypervisor.<name>.factory]',
    releases: SINCE_3_32,
    rejectsUnknownKeys: SINCE_3_32,
    source: `${RS}/hypervisor/mod.rs: Factory (deny_unknown_fields)`,
  },
  {
    runtime: 'rs',
    kind: 'guest_extension_images',
    header: '[[hypervisor.<name>.guest_extension_images]]',
    arrayOfTables: true,
    releases: ['4.1.0'],
    source: `${RS}/hypervisor/mod.rs: GuestExtensionImage`,
  },
  {
    runtime: 'rs',
    kind: 'rootless_user',
    header: '[hypervisor.<name>.rootless_user]',
    releases: SINCE_3_32,
    rejectsUnknownKeys: SINCE_3_32,
    source: `${RS}/hypervisor/mod.rs: RootlessUser (deny_unknown_fields)`,
  },
  {
    runtime: 'rs',
    kind: 'factory',
    header: '[factory]',
    releases: [],
    ignored: 'runtime-rs has no top-level [factory] table (VM templating lives in [hypervisor.<name>.factory] since 3.32.0)',
    source: `${RS}/mod.rs: TomlConfig (fields agent, hypervisor, runtime only)`,
  },
  {
    runtime: 'rs',
    kind: 'image',
    header: '[image]',
    releases: [],
    ignored: 'runtime-rs has no [image] table',
    source: `${RS}/mod.rs: TomlConfig (fields agent, hypervisor, runtime only)`,
  },
];
