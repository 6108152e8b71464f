/**
 * The Luhn (mod 10) checksum every payment card number carries (ISO/IEC 7812-1). It tells a card
 * number from a random long number 9 times out of 10, which is what keeps order numbers and
 * tracking codes from reading as cards.
 *
 * @param digits - ASCII digits only, most significant first.
 * @returns true when the checksum holds; false for anything else, including an empty string.
 * @example isLuhnValid('4111111111111111') // true
 */
export function isLuhnValid(digits: string): boolean {
  if (digits.length === 0) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    const code = digits.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return false;
    let value = double ? code * 2 : code;
    if (value > 9) value -= 9;
    sum += value;
    double = !double;
  }
  return sum % 10 === 0;
}
