// Numbers the way the Pintos boot banner prints them ("20,480 kB", "60,480 sector disk"), without
// Intl: the first locale-aware format of a process loads ICU data, which costs more than the rest
// of the boot.

/** `n` (an integer) in decimal with a comma between groups of three digits. */
export function digitGroups(n: number): string {
  const digits = Math.abs(Math.trunc(n)).toString();
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}
