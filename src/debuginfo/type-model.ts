// The C type model built from DWARF type entries, with C spelling and sizes.

export type BaseEncoding = 'signed' | 'unsigned' | 'signedChar' | 'unsignedChar' | 'boolean' | 'float' | 'address' | 'other';

export interface StructMember {
  name: string | undefined;
  type: DwarfType;
  /** Byte offset from the start of the struct (for bit fields: of the byte holding the first bit). */
  offset: number;
  /** For bit fields: bit offset from the start of the struct and width in bits. */
  bitField?: { bitOffset: number; bitSize: number };
}

export interface Enumerator {
  name: string;
  value: bigint;
}

/** A C type. `id` is the DWARF entry offset (stable within one file). */
export type DwarfType =
  | { kind: 'void'; id: number }
  | { kind: 'base'; id: number; name: string; size: number; encoding: BaseEncoding }
  | { kind: 'pointer'; id: number; target: DwarfType; size: number }
  | { kind: 'array'; id: number; element: DwarfType; /** element count per dimension, undefined if unknown */ counts: (number | undefined)[] }
  | { kind: 'struct' | 'union'; id: number; name: string | undefined; size: number | undefined; members: StructMember[]; declaration: boolean }
  | { kind: 'enum'; id: number; name: string | undefined; size: number; enumerators: Enumerator[]; underlying: DwarfType | undefined }
  | { kind: 'typedef'; id: number; name: string; target: DwarfType }
  | { kind: 'qualified'; id: number; qualifier: 'const' | 'volatile' | 'restrict' | '_Atomic'; target: DwarfType }
  | { kind: 'function'; id: number; returnType: DwarfType; params: DwarfType[]; variadic: boolean; prototyped: boolean }
  | { kind: 'unknown'; id: number; name: string };

/** The shared `void` type (id -1). */
export const VOID_TYPE: DwarfType = { kind: 'void', id: -1 };

/** Follows typedefs and qualifiers to the type that determines the representation. */
export function stripTypedefs(type: DwarfType): DwarfType {
  let t = type;
  for (let i = 0; i < 64 && (t.kind === 'typedef' || t.kind === 'qualified'); i++) t = t.target;
  return t;
}

/** Size in bytes of a value of `type`, or undefined (void, functions, incomplete types). */
export function sizeOfType(type: DwarfType, depth = 0): number | undefined {
  const t = stripTypedefs(type);
  if (depth > 32) return undefined;
  switch (t.kind) {
    case 'base':
    case 'pointer':
    case 'enum':
      return t.size;
    case 'struct':
    case 'union':
      return t.size;
    case 'array': {
      const element = sizeOfType(t.element, depth + 1);
      if (element === undefined) return undefined;
      let total = element;
      for (const count of t.counts) {
        if (count === undefined) return undefined;
        total *= count;
      }
      return total;
    }
    default:
      return undefined;
  }
}

/** The C name of a struct/union/enum tag or a named type, without declarator parts. */
function leafName(t: DwarfType): string {
  switch (t.kind) {
    case 'void': return 'void';
    case 'base': return t.name;
    case 'typedef': return t.name;
    case 'struct':
    case 'union': return `${t.kind} ${t.name ?? '{...}'}`;
    case 'enum': return `enum ${t.name ?? '{...}'}`;
    case 'unknown': return t.name;
    default: return '?';
  }
}

/**
 * The C spelling of `type`, e.g. `char *`, `int [16]`, `struct page *`, `const char *`,
 * `void (*)(int)`, `char *const`. `declarator` is placed where a variable name would go.
 */
export function formatTypeName(type: DwarfType, declarator = ''): string {
  return spell(type, declarator, 0);
}

function spell(t: DwarfType, inner: string, depth: number): string {
  if (depth > 32) return `... ${inner}`.trim();
  const join = (head: string): string => (inner === '' ? head : `${head} ${inner}`);
  switch (t.kind) {
    case 'pointer': {
      const target = t.target;
      const wrapped = target.kind === 'array' || target.kind === 'function' ? `(*${inner})` : `*${inner}`;
      return spell(target, wrapped, depth + 1);
    }
    case 'qualified': {
      const target = t.target;
      if (target.kind === 'pointer') return spell(target, inner === '' ? t.qualifier : `${t.qualifier} ${inner}`, depth + 1);
      if (target.kind === 'array') return spell(target, inner, depth + 1);
      return join(`${t.qualifier} ${spell(target, '', depth + 1)}`);
    }
    case 'array': {
      const dims = t.counts.map((c) => `[${c ?? ''}]`).join('');
      return spell(t.element, `${inner}${dims}`, depth + 1);
    }
    case 'function': {
      const params = t.params.map((p) => spell(p, '', depth + 1));
      if (t.variadic) params.push('...');
      const list = params.length === 0 ? (t.prototyped ? 'void' : '') : params.join(', ');
      return spell(t.returnType, `${inner}(${list})`, depth + 1);
    }
    default:
      return join(leafName(t));
  }
}
