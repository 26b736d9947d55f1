/**
 * One C-style conversion (`%d %i %u %f %e %g %x %o %c %s` with flags, width,
 * precision) applied to one value, as MATLAB's sprintf does it (Inf/NaN
 * spelled MATLAB's way, exponents with at least two digits).
 */

export interface ConversionSpec {
  flags: string;
  width?: number;
  precision?: number;
  conv: string;
}

/** Pad to the width: left-justify with '-', zero-fill numbers with '0' (after the sign). */
export function pad(body: string, spec: ConversionSpec, numeric = false): string {
  const w = spec.width ?? 0;
  if (body.length >= w) return body;
  if (spec.flags.includes('-')) return body + ' '.repeat(w - body.length);
  if (numeric && spec.flags.includes('0')) {
    const sign = /^[+\- ]/.test(body) ? body[0] : '';
    const prefix = /^[+\- ]?0[xX]/.test(body) ? body.slice(sign.length, sign.length + 2) : '';
    const head = sign + prefix;
    return head + '0'.repeat(w - body.length) + body.slice(head.length);
  }
  return ' '.repeat(w - body.length) + body;
}

function signed(digits: string, negative: boolean, flags: string): string {
  if (negative) return '-' + digits;
  if (flags.includes('+')) return '+' + digits;
  if (flags.includes(' ')) return ' ' + digits;
  return digits;
}

/** Digits of |v| rounded to `p` decimals, exact for values beyond toFixed's 1e21 range. */
export function fixedDigits(a: number, p: number): string {
  if (a < 1e21) return a.toFixed(p);
  return BigInt(a).toString() + (p > 0 ? '.' + '0'.repeat(p) : '');
}

/** C's %e body for |v|: mantissa with `p` decimals, exponent of at least two digits. */
export function expDigits(a: number, p: number, upper = false): string {
  const [m, e] = a.toExponential(p).split('e');
  const sign = e[0] === '-' ? '-' : '+';
  const digits = e.replace(/^[+-]/, '').padStart(2, '0');
  return `${m}${upper ? 'E' : 'e'}${sign}${digits}`;
}

/** C's %g body for |v|: %e or %f by exponent, trailing zeros removed unless '#'. */
export function generalDigits(a: number, p: number, flags: string, upper = false): string {
  const P = p === 0 ? 1 : p;
  if (a === 0) return flags.includes('#') ? (0).toFixed(P - 1) : '0';
  const X = Number(a.toExponential(P - 1).split('e')[1]);
  const s = P > X && X >= -4 ? fixedDigits(a, P - 1 - X) : expDigits(a, P - 1, upper);
  if (flags.includes('#')) return s;
  const [mantissa, exponent = ''] = s.split(/(?=[eE])/);
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return trimmed + exponent;
}

function nonFinite(v: number, spec: ConversionSpec): string {
  const body = Number.isNaN(v) ? 'NaN' : signed('Inf', v < 0, spec.flags);
  return pad(body, { ...spec, flags: spec.flags.replace('0', '') });
}

/** Format a number with a numeric conversion (d i u o x X f F e E g G). */
export function formatNumber(v: number, spec: ConversionSpec): string {
  if (!Number.isFinite(v)) return nonFinite(v, spec);
  const a = Math.abs(v);
  const neg = v < 0;
  const p = spec.precision;
  switch (spec.conv) {
    case 'd': case 'i': case 'u': {
      // MATLAB: a non-integer given to an integer conversion prints as %e.
      if (!Number.isInteger(v)) return formatNumber(v, { flags: spec.flags, width: spec.width, conv: 'e' });
      let digits = fixedDigits(a, 0);
      if (p !== undefined) digits = digits.padStart(p, '0');
      return pad(signed(digits, neg, spec.flags), spec, p === undefined);
    }
    case 'o': case 'x': case 'X': {
      if (!Number.isInteger(v) || v < 0) return formatNumber(v, { flags: spec.flags, width: spec.width, conv: 'e' });
      let digits = BigInt(v).toString(spec.conv === 'o' ? 8 : 16);
      if (spec.conv === 'X') digits = digits.toUpperCase();
      if (p !== undefined) digits = digits.padStart(p, '0');
      if (spec.flags.includes('#') && v !== 0) digits = (spec.conv === 'o' ? '0' : spec.conv === 'x' ? '0x' : '0X') + digits;
      return pad(digits, spec, p === undefined);
    }
    case 'f': case 'F': {
      let digits = fixedDigits(a, p ?? 6);
      if (spec.flags.includes('#') && (p ?? 6) === 0) digits += '.';
      return pad(signed(digits, neg, spec.flags), spec, true);
    }
    case 'e': case 'E':
      return pad(signed(expDigits(a, p ?? 6, spec.conv === 'E'), neg, spec.flags), spec, true);
    case 'g': case 'G':
      return pad(signed(generalDigits(a, p ?? 6, spec.flags, spec.conv === 'G'), neg, spec.flags), spec, true);
    default:
      throw new Error(`formatNumber: not a numeric conversion '${spec.conv}'`);
  }
}

/** Format text with %s (precision truncates) or %c. */
export function formatText(s: string, spec: ConversionSpec): string {
  const body = spec.precision !== undefined && spec.conv === 's' ? s.slice(0, spec.precision) : s;
  return pad(body, spec);
}
