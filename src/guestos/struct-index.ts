// Finding a guest kernel's struct types by name through its DWARF: every type reachable from its
// globals and its functions' parameters, locals and return types, walked once.
import type { DebugInfo, DwarfType } from '../debuginfo';
import { stripTypedefs } from '../debuginfo';

/** The complete (not declaration-only) struct and union types of a kernel, by tag name. */
export class StructIndex {
  private readonly byName = new Map<string, DwarfType & { kind: 'struct' | 'union' }>();

  /** Indexes the types reachable from `debug`'s globals and functions. */
  constructor(debug: DebugInfo) {
    const seen = new Set<number>();
    const visit = (t: DwarfType): void => {
      if (seen.has(t.id)) return;
      seen.add(t.id);
      switch (t.kind) {
        case 'pointer': case 'typedef': case 'qualified': visit(t.target); break;
        case 'array': visit(t.element); break;
        case 'function': visit(t.returnType); t.params.forEach(visit); break;
        case 'struct': case 'union':
          if (t.name !== undefined && !t.declaration && !this.byName.has(t.name)) this.byName.set(t.name, t);
          t.members.forEach((m) => visit(m.type));
          break;
        default: break;
      }
    };
    for (const g of debug.globals()) visit(g.type);
    for (const f of debug.functions()) {
      visit(f.type);
      f.parameters.forEach((p) => visit(p.type));
      const scopes = [f.scope];
      while (scopes.length > 0) {
        const s = scopes.pop()!;
        s.variables.forEach((v) => visit(v.type));
        scopes.push(...s.children);
      }
    }
  }

  /** The struct named `name`, or undefined when the kernel's DWARF has no complete one. */
  struct(name: string): (DwarfType & { kind: 'struct' | 'union' }) | undefined {
    return this.byName.get(name);
  }
}

/** The member of `struct` whose type (typedefs removed) is the struct named `typeName`, or the
 *  member named `memberName` when given. */
export function memberOf(struct: DwarfType & { kind: 'struct' | 'union' }, typeName: string, memberName?: string) {
  return struct.members.find((m) => {
    if (memberName !== undefined) return m.name === memberName;
    const t = stripTypedefs(m.type);
    return (t.kind === 'struct' || t.kind === 'union') && t.name === typeName;
  });
}
