/**
 * dm-verity parameter strings (`kernel_verity_params`, `guest_extension_images[].verity_params`):
 * `root_hash=<hex>,salt=<hex>,data_blocks=<n>,data_block_size=<bytes>,hash_block_size=<bytes>`.
 * Both runtimes check the same things in the same order, with small differences in what a field
 * may look like (Go: vc.ParseKernelVerityParams; runtime-rs: kata-types parse_kernel_verity_params).
 */
import type { Runtime } from '../../releases';

const U64_MAX = (1n << 64n) - 1n;
const BLOCK = 512n;
const NUMBERS = ['data_blocks', 'data_block_size', 'hash_block_size'];

/** Why the runtime's parser refuses `params`, or undefined when it accepts it (empty means "no verity"). */
export function verityProblem(params: string, runtime: Runtime): string | undefined {
  if (params.trim() === '') return undefined;
  const values = new Map<string, string>();
  for (const raw of params.split(',')) {
    const field = raw.trim();
    if (field === '') continue;
    const eq = field.indexOf('=');
    // runtime-rs also refuses an empty key (`=x`); Go accepts it as a key named "".
    if (eq < 0 || (runtime === 'rs' && eq === 0)) return `"${field}" is not a key=value entry`;
    values.set(field.slice(0, eq), field.slice(eq + 1));
  }
  // Go refuses an empty root_hash; runtime-rs only a missing one.
  if (runtime === 'go' ? !values.get('root_hash') : !values.has('root_hash')) return 'root_hash is missing';
  const numbers = new Map<string, bigint>();
  for (const name of NUMBERS) {
    const v = values.get(name);
    if (!v) return `${name} is missing`;
    // Rust's u64 parser takes a leading '+', Go's strconv.ParseUint does not.
    const digits = runtime === 'rs' ? /^\+?[0-9]+$/ : /^[0-9]+$/;
    if (!digits.test(v) || BigInt(v) > U64_MAX) return `${name} "${v}" is not a whole number`;
    numbers.set(name, BigInt(v));
  }
  if (!values.get('salt')) return 'salt is missing';
  for (const name of NUMBERS) if (numbers.get(name) === 0n) return `${name} must not be 0`;
  for (const name of ['data_block_size', 'hash_block_size']) if (numbers.get(name)! % BLOCK !== 0n) return `${name} must be a multiple of ${BLOCK}`;
  return undefined;
}
