// Key documentation for the [agent.<name>] table and its [agent.<name>.mem_agent] sub-table (runtime-rs memory agent).
import type { KeyDoc } from './types';

export const AGENT_DOCS: Record<string, KeyDoc> = {
  // ---------------------------------------------------------------------------
  // [agent.<name>]
  // ---------------------------------------------------------------------------
  'agent/cdh_api_timeout': {
    summary: 'Go runtime: seconds the guest agent waits for answers from the Confidential Data Hub.',
    description:
      'Limits how long the guest agent waits on a call to the Confidential Data Hub (CDH), the confidential-computing helper that unseals secrets, fetches protected resources and sets up secure mounts inside the guest. ' +
      'The value is in seconds and reaches the guest as the kernel parameter agent.cdh_api_timeout. ' +
      '0 leaves the parameter out, and the agent then keeps its built-in 50 seconds. ' +
      'Raise it only for confidential-container setups where such calls (which may involve remote attestation) are slow; image pulls have their own, separate timeout.',
    go: 'Read from 3.9.0 on; the shipped files show 50, commented out up to 3.23.0 and set from 3.24.0.',
    rs: 'Not read by runtime-rs, whose key is cdh_api_timeout_ms (milliseconds, 3.31.0+). The runtime-rs Firecracker template carried it from 3.9.0 to 3.30.0, commented out up to 3.23.0 and set from 3.24.0. From 3.29.0 on, cdh_api_timeout in [agent.kata] is rejected as an unknown field, so that template fails to load in 3.29.0 and 3.30.0.',
  },
  'agent/cdh_api_timeout_ms': {
    summary: 'runtime-rs: milliseconds the guest agent waits for answers from the Confidential Data Hub.',
    description:
      'runtime-rs counterpart of the Go cdh_api_timeout: it limits how long the guest agent waits for the Confidential Data Hub when unsealing secrets, fetching protected resources or setting up secure mounts. ' +
      'The value is in milliseconds, but the guest only understands whole seconds: runtime-rs divides it by 1000, drops the remainder and passes the result as agent.cdh_api_timeout. ' +
      'Values below 1000 therefore become 0, which the agent ignores, so its built-in 50 seconds stay in force; 0 leaves the parameter out entirely. ' +
      'Default 50000 (50 seconds).',
    go: 'Not a Go key; the Go runtime uses cdh_api_timeout in seconds.',
    rs: 'Added in 3.31.0.',
  },
  'agent/container_pipe_size': {
    summary: 'runtime-rs: size in bytes of the pipes the guest agent creates for container stdout/stderr.',
    description:
      'When greater than 0, runtime-rs passes the value to the guest as agent.container_pipe_size, and the agent resizes the stdout and stderr pipes of each container process to it. ' +
      '0, the built-in default, keeps the guest kernel\'s normal pipe size. ' +
      'The kernel rounds the request up to at least one memory page, so the value 1 found in some shipped runtime-rs files yields one-page pipes. ' +
      'A larger pipe helps workloads that write big bursts of output faster than the host side reads them, at the cost of guest memory per process.',
    go: 'The Go runtime does not read this key from the file; it only accepts the value through the io.katacontainers.config.agent.container_pipe_size annotation.',
  },
  'agent/create_container_timeout': {
    summary: 'runtime-rs: timeout in seconds for requests to the guest agent, such as CreateContainer.',
    description:
      'Given in seconds and kept internally in milliseconds, this bounds how long the shim waits for the guest agent to answer a request. ' +
      'It matters most for CreateContainer, which can take long when the guest pulls a large image itself (guest pull, confidential containers); such setups raise it, and the shipped files use 30, 60 or 1200. ' +
      'runtime-rs applies the same limit to most other agent requests as well; only calls that wait for events (process exit, stdio streams, OOM events) are unbounded. ' +
      'The kubelet\'s runtime-request-timeout still applies on top, so the shorter of the two wins. Default 30.',
    go: 'The Go runtime reads create_container_timeout from [runtime], not from [agent.kata]; in an agent table it is an unknown key (silently ignored in the main file, a load error in a config.d drop-in).',
    rs: 'Added in 3.19.0 as the new name of the field that 3.2.0–3.18.0 called request_timeout_ms (which took milliseconds). The conversion to milliseconds saturates, so very large values simply mean "wait very long".',
  },
  'agent/debug_console_enabled': {
    summary: 'Starts a shell in the guest that can be reached over vsock for debugging.',
    description:
      'When true, the runtime adds agent.debug_console and agent.debug_console_vport=1026 to the guest kernel command line, and the agent then offers a shell on vsock port 1026. ' +
      'You attach to it with kata-runtime exec <sandbox-id> (Go runtime) or kata-ctl exec <sandbox-id> (runtime-rs); the guest image must contain a shell. ' +
      'Anyone who is root on the host can then run commands inside the VM, so keep it off in production and for confidential guests. Default false.',
  },
  'agent/dial_timeout': {
    summary: 'Go runtime: how long, in seconds, the shim keeps trying to connect to the guest agent.',
    description:
      'After starting the VM the Go shim keeps trying to open its connection to the agent for up to this many seconds; if the agent has not answered by then, the operation fails. ' +
      '0 makes the client fall back to 30 seconds; the shipped files use 45, and GPU and confidential variants use much larger values (up to 1200) because those guests take longer to boot. ' +
      'Raise it when slow guests (much memory, device passthrough, TEE boot) fail with agent connection timeouts.',
    go: 'Read in every release from 3.2.0 to 4.1.0.',
    rs: 'Not read by runtime-rs; the runtime-rs templates of 3.2.0–3.28.0 (all but 3.6.0) set it by mistake. In runtime-rs the overall connection budget is reconnect_timeout_ms (milliseconds) and dial_timeout_ms is only the pause between attempts, so a Go value of N seconds corresponds to reconnect_timeout_ms = N*1000. From 3.29.0 on, dial_timeout in [agent.kata] is rejected as an unknown field.',
  },
  'agent/dial_timeout_ms': {
    summary: 'runtime-rs: pause in milliseconds between attempts to connect to the guest agent.',
    description:
      'While the VM boots, runtime-rs tries repeatedly to reach the agent (and its log port) and waits this long between attempts; the total time spent is bounded by reconnect_timeout_ms. ' +
      '0 is rejected with "dial_timeout_ms couldn\'t be 0.". ' +
      'With hybrid vsock (Cloud Hypervisor, Firecracker, Dragonball) and the remote hypervisor it is a fixed sleep, so large values slow down sandbox start. ' +
      'Usually left at the default of 10 ms; it is not the Go dial_timeout, whose role is played by reconnect_timeout_ms.',
    go: 'Not a Go key; the Go runtime uses dial_timeout (seconds, total budget).',
    rs: 'From 3.31.0 on, plain vsock (qemu) treats the value as the first pause of a back-off that doubles after each failed attempt and is kept between 10 and 500 ms; up to 3.30.0 every pause was exactly this long. 4.1.0 also requires reconnect_timeout_ms >= dial_timeout_ms.',
  },
  'agent/enable_debug': {
    summary: 'Makes the guest agent log at debug level.',
    description:
      'When true, the runtime appends agent.log=debug to the guest kernel command line so the agent emits debug-level messages. ' +
      'Getting the guest agent\'s output onto the host usually also needs debug enabled for the hypervisor ([hypervisor.<name>] enable_debug), which turns on the console or vsock log channel. ' +
      'It produces a lot of output and some overhead, so enable it while troubleshooting. Default false.',
    rs: 'From 3.32.0 on, enable_debug = true also lowers the shim\'s filter for agent messages to debug when log_level is left at info.',
  },
  'agent/enable_tracing': {
    summary: 'Makes the guest agent produce OpenTelemetry trace spans.',
    description:
      'When true, the runtime adds agent.trace=true to the guest kernel command line and the agent records OpenTelemetry spans for its work. ' +
      'The spans leave the VM over vsock and need the Kata trace forwarder running on the host to reach a collector such as Jaeger; if [runtime] enable_tracing is also on, agent spans are linked to the runtime\'s spans. ' +
      'Meant for performance analysis, not for normal operation. Default false.',
    go: 'With agent tracing on, the Go runtime leaves VM shutdown to the agent so the spans can be flushed, which makes stopping a sandbox slightly slower.',
  },
  'agent/health_check_request_timeout_ms': {
    summary: 'runtime-rs: timeout in milliseconds for health-check requests to the guest agent.',
    description:
      'runtime-rs uses this limit for the agent\'s health service calls (the Check and Version requests that tell whether the agent is alive). ' +
      'The default is 90000 ms (90 seconds), and no shipped file sets it. ' +
      'Change it only if health checks time out on a heavily loaded host, or if a dead agent should be noticed sooner.',
    go: 'The Go runtime has no such key; its health-check timeout is fixed.',
  },
  'agent/kernel_modules': {
    summary: 'Guest kernel modules, with optional parameters, that the agent loads when the sandbox starts.',
    description:
      'Each array element describes one module: the first word is the module name and the remaining words are its parameters, for example "i915 enable_ppgtt=0". ' +
      'The list is sent to the agent with the sandbox-creation request, and the agent loads each module with modprobe inside the guest. ' +
      'If modprobe is missing from the guest image, the module does not exist for the guest kernel, or loading fails, the sandbox does not start. ' +
      'Default is an empty list. A pod can also name modules, separated by ";", in the io.katacontainers.config.agent.kernel_modules annotation; how that combines with this list differs between the runtimes.',
    go: 'The annotation replaces the configured list: only the modules named in the annotation are loaded.',
    rs: 'The annotation adds to the configured list: its modules are appended after the ones written here.',
  },
  'agent/launch_process_timeout': {
    summary: 'Seconds the agent waits for guest confidential-computing helpers to create their sockets.',
    description:
      'In confidential-container setups the agent starts guest components such as the attestation agent and the Confidential Data Hub, then waits for each to create its Unix socket. ' +
      'This key sets that wait in seconds and is passed as the kernel parameter agent.launch_process_timeout; 0 leaves it out and the agent uses its own default of 6 seconds. ' +
      'The shipped confidential files set 6 and the GPU variants 15; raise it if those components start slowly and sandbox creation fails while waiting for them.',
    go: 'Read from 3.29.0 on.',
    rs: 'Read from 3.29.0 on; the field itself defaults to 0 (parameter omitted), which gives the same 6 seconds.',
  },
  'agent/log_level': {
    summary: 'runtime-rs: minimum level of agent-related messages written to the shim log.',
    description:
      'Sets the filter runtime-rs applies to its "agent" log component, which also carries the guest agent\'s own log lines forwarded from the VM. ' +
      'The recognised values are trace, debug, info, warn, error and critical; any other string is not reported as an error but treated as info. ' +
      'It does not change what the agent itself emits inside the guest; enable_debug does that. Default info.',
    go: 'Not a Go key; the Go runtime has no per-agent log level setting.',
    rs: 'Read from 3.3.0 on. From 3.32.0 on, info is raised to debug when enable_debug is true.',
    values: {
      trace: 'Shows everything, including the most detailed tracing messages.',
      debug: 'Shows debug messages and everything more severe.',
      info: 'Shows informational messages and above; the default, and also what unknown values fall back to.',
      warn: 'Shows only warnings, errors and critical messages.',
      error: 'Shows only errors and critical messages.',
      critical: 'Shows only critical messages.',
    },
  },
  'agent/log_port': {
    summary: 'runtime-rs: vsock port on which the shim reads the guest agent\'s log stream.',
    description:
      'runtime-rs connects to this vsock port in the guest to collect the agent\'s log lines and re-log them in the shim; the default is 1025. ' +
      'The agent listens on the port named by the agent.log_vport kernel parameter, which runtime-rs sets to 1025 by itself (when hypervisor debug is on, and through the kernel_params of the shipped Dragonball and Firecracker files). ' +
      'Changing log_port alone therefore only breaks log forwarding. No shipped file sets it.',
    go: 'Not a Go key.',
  },
  'agent/mem_agent': {
    summary: 'runtime-rs: the [agent.kata.mem_agent] sub-table that configures the guest memory agent.',
    description:
      'mem_agent is not a plain value: it is written as the table [agent.kata.mem_agent] (or an inline table) and holds the memory agent settings such as mem_agent_enable, memcg_* and compact_*. ' +
      'The memory agent runs inside the guest: it reclaims memory that cgroups no longer use (via the kernel\'s multi-gen LRU) and compacts free memory, pausing whenever pressure stall information (PSI) shows the guest is busy. ' +
      'None of the settings has any effect unless enable (alias mem_agent_enable) is true.',
    go: 'The Go runtime has no memory agent settings.',
    rs: 'Added in 3.13.0. From 3.29.0 on, unknown keys inside the table are rejected.',
  },
  'agent/passfd_listener_port': {
    summary: 'runtime-rs: accepted in [agent.kata] but never used; set [runtime] passfd_listener_port.',
    description:
      'The agent table has a passfd_listener_port field (default 1027), but nothing in runtime-rs reads it. ' +
      'The port used for fd-passthrough container I/O (use_passfd_io, Dragonball) comes from [runtime] passfd_listener_port, which is where the shipped Dragonball file sets it. ' +
      'A value written here is parsed and then ignored.',
    go: 'Not a Go key.',
    rs: 'Accepted from 3.3.0 on.',
  },
  'agent/policy': {
    summary: 'runtime-rs: agent policy document sent to the guest agent right after it connects.',
    description:
      'If non-empty, runtime-rs sends this string to the agent in a SetPolicy request as soon as the agent connection is up, before any container is created. ' +
      'The value is the policy text itself (a Rego document for the agent\'s policy engine), not a file path. ' +
      'The guest agent must be built with policy support and the policy already in force must allow SetPolicy; otherwise the request fails and the sandbox does not start. ' +
      'Empty (the default) sends nothing, leaving whatever policy the guest image ships with.',
    go: 'The Go runtime has no such key; it only takes a policy from the io.katacontainers.config.agent.policy annotation.',
    rs: 'Added in 3.23.0; no shipped file sets it.',
  },
  'agent/reconnect_timeout_ms': {
    summary: 'runtime-rs: total time in milliseconds allowed for connecting to the guest agent.',
    description:
      'Bounds how long runtime-rs keeps trying to reach the agent (and its log port) after the VM starts, pausing dial_timeout_ms between attempts; if the agent is still unreachable, sandbox creation fails. ' +
      'It is the runtime-rs counterpart of the Go dial_timeout, but in milliseconds. ' +
      'Raise it for guests that boot slowly (GPU passthrough, confidential VMs, much memory); the shipped GPU files use 1200000 (20 minutes). Default 3000.',
    go: 'Not a Go key; use dial_timeout (seconds).',
    rs: 'From 3.32.0 on, runtime-rs never waits less than 10000 ms, whatever is configured. 4.1.0 rejects values smaller than dial_timeout_ms ("reconnect_timeout_ms must be >= dial_timeout_ms ..."). Up to 3.30.0 the number of vsock attempts was reconnect_timeout_ms / dial_timeout_ms; hybrid vsock and the remote agent connection still count their attempts from that ratio.',
  },
  'agent/request_timeout_ms': {
    summary: 'runtime-rs 3.2–3.18: agent request timeout in milliseconds; replaced by create_container_timeout.',
    description:
      'In runtime-rs 3.2.0 to 3.18.0 this field set, in milliseconds, how long the shim waits for the agent to answer requests such as CreateContainer (default 30000). ' +
      'From 3.19.0 on the same setting is spelled create_container_timeout and takes seconds instead. ' +
      'request_timeout_ms is then silently ignored (3.19.0–3.28.0) or rejected as an unknown field (3.29.0+). ' +
      'When migrating, divide the value by 1000 and write it as create_container_timeout.',
    go: 'Not a Go key; the Go runtime uses [runtime] create_container_timeout (seconds).',
    rs: 'Read from 3.2.0 to 3.18.0; no shipped file sets it.',
  },
  'agent/server_port': {
    summary: 'runtime-rs: vsock port of the guest agent\'s API that the shim connects to.',
    description:
      'runtime-rs dials this port in the guest for every agent request; the default 1024 is the port on which the Kata agent listens. ' +
      'runtime-rs does not pass the value to the guest, so changing it only makes sense with a guest agent set up to listen elsewhere. ' +
      'Otherwise the shim never gets a connection and sandbox creation fails once reconnect_timeout_ms has run out. No shipped file sets it.',
    go: 'Not a Go key.',
  },
  'agent/visible_cdi_devices': {
    summary: 'Lets containers claim CDI devices already in the VM through a VISIBLE_CDI_DEVICES variable.',
    description:
      'When true, the runtime passes agent.visible_cdi_devices=true to the guest, and the agent reads each container\'s VISIBLE_CDI_DEVICES environment variable and injects the named CDI devices that are already present in the VM. ' +
      'The variable lists kind=devices entries separated by ":", where devices is "all" or a comma list of indexes, e.g. "nvidia.com/gpu=all" or "nvidia.com/gpu=0,1:nvidia.com/ib=0"; "none" or "void" requests nothing. ' +
      'This lets several containers of one pod, such as a monitoring sidecar, use the GPUs the pod already has without asking the outer runtime for more. ' +
      'Default false; it mainly matters for the NVIDIA GPU configurations.',
    go: 'Read from 3.32.0 on.',
    rs: 'Read from 3.32.0 on.',
  },

  // ---------------------------------------------------------------------------
  // [agent.<name>.mem_agent] (runtime-rs)
  // ---------------------------------------------------------------------------
  'mem_agent/compact_disable': {
    summary: 'Turns off the memory agent\'s periodic compaction of guest memory.',
    description:
      'The compaction part of the memory agent periodically compacts guest memory so that free pages form large contiguous blocks (of order compact_order), which makes it easier to hand unused memory back to the host. ' +
      'Set true to switch off just this part while keeping cgroup reclaim. ' +
      'Left unset, the agent default applies (false, compaction on). ' +
      'Like every mem_agent key it only takes effect when mem_agent_enable is true; it reaches the guest as agent.mem_agent_compact_disable.',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/compact_force_times': {
    summary: 'Forces compaction after this many periods without one; 9223372036854775807 never forces.',
    description:
      'After a compaction the memory agent counts the following periods in which no compaction was needed; once the count reaches this value it compacts anyway, whatever the memory statistics say. ' +
      '0 forces a compaction every period, while 9223372036854775807 (the largest TOML integer, and the default) disables forcing. ' +
      'Only used when mem_agent_enable is true and compaction is not disabled.',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/compact_order': {
    summary: 'Page order the memory agent\'s compaction aims to produce (9 = 2 MiB blocks with 4 KiB pages).',
    description:
      'Compaction is judged against free blocks of this order: when movable pages in blocks of smaller orders have grown by more than compact_threshold since the last run, another compaction starts. ' +
      'The default 9 matches the smallest block size that the kernel\'s free page reporting returns to the host on common configurations. ' +
      'The value must fit in 0–255; larger numbers fail to load.',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/compact_period_psi_percent_limit': {
    summary: 'Skips a compaction if memory/IO pressure during the waiting period exceeded this percentage.',
    description:
      'At the end of each compact_period_secs window the memory agent looks at the share of time the guest stalled on memory and IO (PSI) during that window. ' +
      'If it is above this percentage, the compaction for that period is skipped so that compaction does not add load to a guest already under pressure. ' +
      'Default 1; only values from 0 to 100 are meaningful.',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/compact_period_secs': {
    summary: 'Seconds between the memory agent\'s compaction checks.',
    description:
      'The compaction task wakes up this often, checks pressure and page statistics, and compacts if needed. ' +
      'Shorter periods return memory to the host sooner but cost more guest CPU. ' +
      'Default 600 (10 minutes).',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/compact_psi_percent_limit': {
    summary: 'Aborts a running compaction once memory/IO pressure goes above this percentage.',
    description:
      'While a compaction is in progress, the memory agent samples the memory and IO stall percentage (PSI) every second. ' +
      'As soon as it exceeds this value the compaction stops, so compaction never keeps a busy guest waiting. ' +
      'Default 5.',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/compact_sec_max': {
    summary: 'Longest time in seconds a single compaction run may take.',
    description:
      'A compaction run is cut off after this many seconds, even if it has not finished. ' +
      'The agent\'s built-in default is 300 seconds; the shipped runtime-rs files set 180. ' +
      'The value is a signed 64-bit integer.',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/compact_threshold': {
    summary: 'Change in page counts, in pages, that triggers another compaction (default 1024).',
    description:
      'A new compaction is started when, compared with the state right after the previous one, the number of movable pages in blocks smaller than compact_order has grown by more than this many pages, or free memory has shrunk by at least this many pages. ' +
      'Lower values compact more often. ' +
      'The unit is pages (4 KiB each on most architectures).',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/create_container_timeout': {
    summary: 'Misplaced key: not a mem_agent setting. create_container_timeout belongs in [agent.kata].',
    description:
      'The runtime-rs qemu and Cloud Hypervisor templates of 3.19.0–3.23.0 had a commented create_container_timeout just after the [agent.kata.mem_agent] header, so uncommenting it puts it into the memory agent table, which has no such field; in 3.24.0–3.28.0 those templates and qemu-coco-dev even set it there. ' +
      'There it is silently ignored up to 3.28.0, so the intended timeout never applies, and rejected as an unknown field from 3.29.0 on. ' +
      'Move it above the [agent.kata.mem_agent] header, into [agent.kata], where it sets the agent request timeout in seconds.',
    rs: 'Shipped below the mem_agent header in runtime-rs templates of 3.19.0–3.28.0: commented out up to 3.23.0, set from 3.24.0.',
  },
  'mem_agent/enable': {
    summary: 'Turns the guest memory agent on; the other mem_agent keys do nothing while it is off.',
    description:
      'When true, runtime-rs adds psi=1 and agent.mem_agent_enable=1 to the guest kernel command line, plus one agent.mem_agent_* parameter for each other mem_agent key that is set, and the agent starts its memory agent. ' +
      'The guest kernel needs multi-gen LRU and PSI support for this to work. Default false. ' +
      'mem_agent_enable is another spelling of this key, used by the shipped files; write only one of the two in a table, because giving both is a duplicate-field error.',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/mem_agent_enable': {
    summary: 'Alias of enable in [agent.kata.mem_agent]: turns the guest memory agent on or off.',
    description:
      'Same setting as enable, under the spelling the shipped runtime-rs files use. ' +
      'When true, runtime-rs passes psi=1, agent.mem_agent_enable=1 and the other mem_agent settings to the guest, and the agent starts reclaiming and compacting memory. ' +
      'Do not write both enable and mem_agent_enable in the same table; that is rejected as a duplicate field. Default false.',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/memcg_disable': {
    summary: 'Turns off the memory agent\'s per-cgroup reclaim of cold memory.',
    description:
      'The memcg part of the memory agent uses the kernel\'s multi-gen LRU to age the pages of each memory cgroup in the guest and evict those that stay unused, shrinking the guest\'s footprint so memory can go back to the host. ' +
      'Set true to switch off this part while keeping compaction. ' +
      'Left unset, the agent default applies (false, reclaim on).',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/memcg_eviction_psi_percent_limit': {
    summary: 'Stops evicting a cgroup\'s pages when its memory/IO pressure rises above this percentage.',
    description:
      'During an eviction run the memory agent watches the cgroup\'s memory and IO stall percentage (PSI). ' +
      'If it goes above this value, eviction for that cgroup stops at once and resumes only in the next memcg period. ' +
      'Default 1.',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/memcg_eviction_run_aging_count_min': {
    summary: 'Minimum number of aging passes a cgroup must go through before its pages are evicted.',
    description:
      'Eviction only runs for a cgroup after its pages have been aged at least this many times, so only memory that stayed unused over several periods is reclaimed. ' +
      'Higher values make reclaim more conservative. ' +
      'Default 3.',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/memcg_period_psi_percent_limit': {
    summary: 'Skips aging and eviction of a cgroup if its memory/IO pressure in the period exceeded this.',
    description:
      'At the end of each memcg_period_secs window the memory agent checks every cgroup\'s memory and IO stall percentage (PSI) over that window. ' +
      'A cgroup above this value is neither aged nor evicted this time, so busy workloads are left alone. ' +
      'Default 1.',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/memcg_period_secs': {
    summary: 'Seconds between the memory agent\'s per-cgroup aging and eviction rounds.',
    description:
      'The memcg task ages and, where allowed, evicts cgroup memory once per period of this length. ' +
      'Shorter periods reclaim memory sooner but use more guest CPU. ' +
      'Default 600 (10 minutes).',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/memcg_swap': {
    summary: 'Lets the memory agent push cold anonymous memory to swap, not only drop file pages.',
    description:
      'With the default false, eviction only drops file-backed pages. ' +
      'With true, anonymous pages may also be written out to swap, provided the guest has swap with free space; when free swap runs short the agent falls back to file pages. ' +
      'Swap inside the guest has to be provided separately. See also memcg_swappiness_max.',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
  'mem_agent/memcg_swappiness_max': {
    summary: 'Upper limit on the swappiness the memory agent uses when evicting with swap enabled.',
    description:
      'When memcg_swap is on, the memory agent derives a swappiness for each eviction from the ratio of anonymous to file pages (on the kernel\'s 0–200 scale) and caps it at this value. ' +
      'Lower values favour dropping file pages over swapping anonymous memory. ' +
      'Default 50; only relevant with memcg_swap = true.',
    go: 'The Go runtime has no memory agent.',
    rs: 'Added in 3.13.0.',
  },
};
