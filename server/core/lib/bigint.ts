// Byte counts live in PostgreSQL as BIGINT; JSON and the console use plain numbers, exact up to 2^53 (8 PiB).
export function toNumber(value: bigint | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'bigint' ? Number(value) : value;
}

export function toBigInt(value: number | null | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  return BigInt(Math.trunc(value));
}
