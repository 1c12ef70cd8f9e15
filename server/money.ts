/** Money arithmetic shared by every module (MNY-1: whole rupiah, integers only). */

/** `bp` basis points of `amount`, rounded half up: the one rounding every fee and commission uses. */
export function basisPoints(amount: number, bp: number): number {
  return Math.floor((amount * bp + 5000) / 10_000);
}

/** An amount as a person reads it, in any language: `Rp 1.000.000`. */
export function formatRupiah(amount: number): string {
  const digits = String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}Rp ${digits}`;
}
