// The named types and enum constants of one program, gathered from every type its functions and
// globals reach, so that expressions can name `struct page`, a typedef or an enumerator.
import type { DebugInfo, DwarfType, Scope } from '../../debuginfo';
import { BUILTIN, pointerTo } from './c-types';

/** A type as an expression spells it: base keywords, a tag or a typedef name, then `*`s. */
export interface TypeSpec {
  /** `unsigned long`, `struct page`, `pid_t`: the words before the pointer stars */
  words: string[];
  pointers: number;
}

/** An enumerator and the enum type it belongs to. */
export interface EnumConstant {
  value: bigint;
  type: DwarfType;
}

/** The C keywords that start a type name. */
export const TYPE_KEYWORDS = new Set(['void', 'char', 'short', 'int', 'long', 'float', 'double', 'signed', 'unsigned', '_Bool', 'struct', 'union', 'enum', 'const', 'volatile']);

const MAX_TYPES = 200_000;

/** Named types and enumerators of one program. Built once per DebugInfo (see `typeIndexOf`). */
export class TypeIndex {
  private readonly tags = new Map<string, DwarfType>();
  private readonly typedefs = new Map<string, DwarfType>();
  private readonly enumerators = new Map<string, EnumConstant>();

  constructor(debugInfo: DebugInfo | undefined) {
    if (!debugInfo) return;
    const seen = new Set<DwarfType>();
    const stack: DwarfType[] = [];
    const visitScope = (scope: Scope, depth: number): void => {
      if (depth > 64) return;
      for (const v of scope.variables) stack.push(v.type);
      for (const child of scope.children) visitScope(child, depth + 1);
    };
    for (const fn of debugInfo.functions()) {
      stack.push(fn.type, fn.returnType);
      visitScope(fn.scope, 0);
    }
    for (const g of debugInfo.globals()) stack.push(g.type);
    while (stack.length > 0 && seen.size < MAX_TYPES) {
      const t = stack.pop() as DwarfType;
      if (seen.has(t)) continue;
      seen.add(t);
      this.record(t);
      switch (t.kind) {
        case 'pointer': case 'typedef': case 'qualified': stack.push(t.target); break;
        case 'array': stack.push(t.element); break;
        case 'struct': case 'union': for (const m of t.members) stack.push(m.type); break;
        case 'function': stack.push(t.returnType, ...t.params); break;
        case 'enum': if (t.underlying) stack.push(t.underlying); break;
        default: break;
      }
    }
  }

  private record(t: DwarfType): void {
    if ((t.kind === 'struct' || t.kind === 'union' || t.kind === 'enum') && t.name !== undefined) {
      const key = `${t.kind} ${t.name}`;
      const known = this.tags.get(key);
      if (!known || (isDeclaration(known) && !isDeclaration(t))) this.tags.set(key, t);
    }
    if (t.kind === 'typedef' && !this.typedefs.has(t.name)) this.typedefs.set(t.name, t);
    if (t.kind === 'enum') for (const e of t.enumerators) if (!this.enumerators.has(e.name)) this.enumerators.set(e.name, { value: e.value, type: t });
  }

  /** True when `name` is a typedef of the program. */
  isTypedefName(name: string): boolean {
    return this.typedefs.has(name);
  }

  /** The value and type of enumerator `name`, or undefined. */
  enumConstant(name: string): EnumConstant | undefined {
    return this.enumerators.get(name);
  }

  /** Names of every enumerator and typedef, for completions. */
  names(): { enumerators: string[]; typedefs: string[]; tags: string[] } {
    return { enumerators: [...this.enumerators.keys()], typedefs: [...this.typedefs.keys()], tags: [...this.tags.keys()] };
  }

  /** The complete definition of an incomplete struct/union (a declaration), or `type` itself. */
  complete(type: DwarfType): DwarfType {
    if ((type.kind === 'struct' || type.kind === 'union') && type.declaration && type.name !== undefined) {
      return this.tags.get(`${type.kind} ${type.name}`) ?? type;
    }
    return type;
  }

  /**
   * The type `spec` names. Throws an Error naming the unknown part (`no struct named 'pag'`,
   * `no type named 'foo_t'`).
   */
  resolve(spec: TypeSpec): DwarfType {
    let type = this.resolveWords(spec.words.filter((w) => w !== 'const' && w !== 'volatile'));
    for (let i = 0; i < spec.pointers; i++) type = pointerTo(type);
    return type;
  }

  private resolveWords(words: string[]): DwarfType {
    const first = words[0];
    if (first === 'struct' || first === 'union' || first === 'enum') {
      const name = words[1];
      const found = this.tags.get(`${first} ${name}`);
      if (!found) throw new Error(`no ${first} named '${name}'`);
      return found;
    }
    if (words.length === 1 && !TYPE_KEYWORDS.has(first)) {
      const found = this.typedefs.get(first);
      if (!found) throw new Error(`no type named '${first}'`);
      return found;
    }
    return builtinType(words);
  }
}

function isDeclaration(t: DwarfType): boolean {
  return (t.kind === 'struct' || t.kind === 'union') && t.declaration;
}

/** The built-in type named by base-type keywords (`unsigned long int`); throws for a bad combination. */
export function builtinType(words: string[]): DwarfType {
  const count = (w: string): number => words.filter((x) => x === w).length;
  const longs = count('long');
  const unsigned = count('unsigned') > 0;
  const signed = count('signed') > 0;
  const known = ['long', 'unsigned', 'signed', 'int', 'short', 'char', 'void', '_Bool', 'float', 'double'];
  const bad = words.find((w) => !known.includes(w));
  if (bad !== undefined) throw new Error(`no type named '${bad}'`);
  if (count('void') > 0) return BUILTIN.void;
  if (count('_Bool') > 0) return BUILTIN.bool;
  if (count('float') > 0) return BUILTIN.float;
  if (count('double') > 0) return BUILTIN.double;
  if (count('char') > 0) return unsigned ? BUILTIN.unsignedChar : signed ? BUILTIN.signedChar : BUILTIN.char;
  if (count('short') > 0) return unsigned ? BUILTIN.unsignedShort : BUILTIN.short;
  if (longs > 0) return unsigned ? BUILTIN.unsignedLong : BUILTIN.long;
  if (words.length === 0) throw new Error('missing type name');
  return unsigned ? BUILTIN.unsignedInt : BUILTIN.int;
}

const indexes = new WeakMap<DebugInfo, TypeIndex>();
const emptyIndex = new TypeIndex(undefined);

/** The (cached) type index of a program; an empty index without debug info. */
export function typeIndexOf(debugInfo: DebugInfo | undefined): TypeIndex {
  if (!debugInfo) return emptyIndex;
  let index = indexes.get(debugInfo);
  if (!index) {
    index = new TypeIndex(debugInfo);
    indexes.set(debugInfo, index);
  }
  return index;
}
