/**
 * dm-verity parameters (`kernel_verity_params`, `guest_extension_images[].verity_params`): the
 * checks of kata-types `parse_kernel_verity_params` (hypervisor/mod.rs, 3.32.0+), in its order.
 */

const U64_MAX = 18446744073709551615n;
const BLOCK = 512n;

/** Why Kata's parser refuses `params`, or undefined when it accepts it (an empty value is "no verity"). */
export function verityProblem(params: string): string | undefined {
  if (params.trim() === '') return undefined;
  const values = new Map<string, string>();
  for (const raw of params.split(',')) {
    const field = raw.trim();
    if (field === '') continue;
    const eq = field.indexOf('=');
    if (eq <= 0) return `"${field}" is not a key=value entry`;
    values.set(field.slice(0, eq), field.slice(eq + 1));
  }
  if (!values.has('root_hash')) return 'root_hash is missing';
  const numbers: Record<string, bigint> = {};
  for (const name of ['data_blocks', 'data_block_size', 'hash_block_size']) {
    const v = values.get(name);
    if (!v) return `${name} is missing`;
    if (!/^\+?[0-9]+$/.test(v) || BigInt(v) > U64_MAX) return `${name} "${v}" is not a whole number`;
    numbers[name] = BigInt(v);
  }
  if (!values.get('salt')) return 'salt is missing';
  for (const name of ['data_blocks', 'data_block_size', 'hash_block_size']) if (numbers[name] === 0n) return `${name} must not be 0`;
  for (const name of ['data_block_size', 'hash_block_size']) if (numbers[name] % BLOCK !== 0n) return `${name} must be a multiple of ${BLOCK}`;
  return undefined;
}
