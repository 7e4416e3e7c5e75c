// Reads functions, scopes, variables and globals out of the DIE forest.
import { rangesOfDie, type AddressRange } from './address-ranges';
import { attrDie, attrFlag, attrNumber, attrString, inheritedAttr, type Die, type DieForest } from './die-tree';
import { DW_AT, DW_TAG } from './dwarf-constants';
import { readLegacyLocationList, readLocationList } from './location-lists';
import type { FunctionInfo, Scope, ScopeKind, Variable, VariableLocation, VariableRole } from './program-model';
import type { TypeBuilder } from './type-builder';
import { VOID_TYPE, type DwarfType } from './type-model';

const DW_OP_addr = 0x03;
const DW_OP_addrx = 0xa1;
const MAX_DEPTH = 64;

/** Functions and globals of every unit. */
export interface ProgramModel {
  functions: FunctionInfo[];
  globals: Variable[];
}

/** Resolves a unit's file number (DW_AT_decl_file, DW_AT_call_file) to a path. */
export type FileNamer = (die: Die, index: number) => string | undefined;

/** Builds the function list and globals. Problems become warnings; never throws. */
export function readProgram(forest: DieForest, types: TypeBuilder, fileName: FileNamer, warnings: string[]): ProgramModel {
  const reader = new ProgramReader(forest, types, fileName);
  for (const unit of forest.units) {
    if (!unit.root) continue;
    try {
      reader.readUnit(unit.root);
    } catch (error) {
      warnings.push(`unit ${unit.name || unit.unitOffset}: ${(error as Error).message}`);
    }
  }
  const model = { functions: reader.functions, globals: reader.globals };
  model.functions.sort((a, b) => a.lowPc - b.lowPc);
  return model;
}

class ProgramReader {
  readonly functions: FunctionInfo[] = [];
  readonly globals: Variable[] = [];

  constructor(private readonly forest: DieForest, private readonly types: TypeBuilder, private readonly fileName: FileNamer) {}

  readUnit(root: Die): void {
    for (const die of root.children) {
      if (die.tag === DW_TAG.subprogram) this.readFunction(die, root);
      else if (die.tag === DW_TAG.variable) this.readGlobal(die);
    }
  }

  private readGlobal(die: Die): void {
    if (attrFlag(die, DW_AT.declaration) || (!die.attrs.has(DW_AT.location) && !die.attrs.has(DW_AT.const_value))) return;
    const variable = this.variable(die, 'global', undefined);
    if (variable && variable.location.kind !== 'none') this.globals.push(variable);
  }

  private readFunction(die: Die, root: Die): void {
    const ranges = rangesOfDie(die);
    if (ranges.length === 0) return; // a declaration or an abstract instance
    const name = attrString(die, DW_AT.name, this.forest) ?? `<function at 0x${ranges[0].low.toString(16)}>`;
    const scope = this.scope(die, 'function', name, ranges, name, 0);
    const fn: FunctionInfo = {
      name,
      linkageName: attrString(die, DW_AT.linkage_name, this.forest),
      lowPc: ranges.reduce((low, r) => Math.min(low, r.low), Infinity),
      highPc: ranges.reduce((high, r) => Math.max(high, r.high), 0),
      ranges,
      frameBase: die.attrs.has(DW_AT.frame_base) ? this.location(die, DW_AT.frame_base) : undefined,
      returnType: this.inheritedType(die),
      type: this.types.typeOf(this.declaringEntry(die)),
      parameters: scope.variables.filter((v) => v.role === 'parameter'),
      scope,
      declFile: this.declFile(die),
      declLine: attrNumber(die, DW_AT.decl_line, this.forest),
      external: attrFlag(die, DW_AT.external, this.forest),
      unitName: attrString(root, DW_AT.name) ?? '',
      dieOffset: die.offset,
    };
    this.functions.push(fn);
  }

  private scope(die: Die, kind: ScopeKind, name: string | undefined, ranges: AddressRange[], functionName: string, depth: number): Scope {
    const scope: Scope = {
      kind, name, ranges, variables: [], children: [], callFile: undefined, callLine: undefined, dieOffset: die.offset,
    };
    if (kind === 'inlined') {
      const callFile = attrNumber(die, DW_AT.call_file);
      scope.callFile = callFile === undefined ? undefined : this.fileName(die, callFile);
      scope.callLine = attrNumber(die, DW_AT.call_line);
    }
    if (depth > MAX_DEPTH) return scope;
    const params: Variable[] = [];
    const locals: Variable[] = [];
    for (const child of die.children) {
      switch (child.tag) {
        case DW_TAG.formal_parameter: {
          const v = this.variable(child, 'parameter', functionName);
          if (v) params.push(v);
          break;
        }
        case DW_TAG.variable: {
          if (attrFlag(child, DW_AT.declaration)) break;
          const v = this.variable(child, 'local', functionName);
          if (!v) break;
          if (v.role === 'static') this.globals.push(v);
          locals.push(v);
          break;
        }
        case DW_TAG.lexical_block: {
          const own = rangesOfDie(child);
          scope.children.push(this.scope(child, 'block', undefined, own.length > 0 ? own : ranges, functionName, depth + 1));
          break;
        }
        case DW_TAG.inlined_subroutine: {
          const own = rangesOfDie(child);
          if (own.length === 0) break;
          const inlinedName = attrString(child, DW_AT.name, this.forest) ?? '?';
          scope.children.push(this.scope(child, 'inlined', inlinedName, own, inlinedName, depth + 1));
          break;
        }
      }
    }
    scope.variables = [...params, ...locals];
    return scope;
  }

  private variable(die: Die, role: VariableRole, functionName: string | undefined): Variable | undefined {
    const name = attrString(die, DW_AT.name, this.forest);
    if (name === undefined) return undefined;
    const location = this.location(die, die.attrs.has(DW_AT.location) ? DW_AT.location : DW_AT.const_value);
    let finalRole = role;
    if (role === 'local' && location.kind === 'expr' && (location.expr[0] === DW_OP_addr || location.expr[0] === DW_OP_addrx)) finalRole = 'static';
    return {
      name,
      role: finalRole,
      type: this.inheritedType(die),
      location,
      declFile: this.declFile(die),
      declLine: attrNumber(die, DW_AT.decl_line, this.forest),
      external: attrFlag(die, DW_AT.external, this.forest),
      functionName: finalRole === 'static' ? functionName : undefined,
      dieOffset: die.offset,
    };
  }

  /** The entry that declares the function: its abstract origin or specification if any. */
  private declaringEntry(die: Die): Die {
    let current = die;
    for (let hops = 0; hops < 6; hops++) {
      const next = attrDie(current, DW_AT.abstract_origin, this.forest) ?? attrDie(current, DW_AT.specification, this.forest);
      if (!next) break;
      current = next;
    }
    return current;
  }

  /** The type from DW_AT_type of the entry or of its abstract origin / specification. */
  private inheritedType(die: Die): DwarfType {
    let current: Die | undefined = die;
    for (let hops = 0; current && hops < 6; hops++) {
      if (current.attrs.has(DW_AT.type)) return this.types.typeOfAttr(current);
      current = attrDie(current, DW_AT.abstract_origin, this.forest) ?? attrDie(current, DW_AT.specification, this.forest);
    }
    return VOID_TYPE;
  }

  private declFile(die: Die): string | undefined {
    const index = attrNumber(die, DW_AT.decl_file, this.forest);
    if (index === undefined) return undefined;
    // The file number belongs to the unit of the entry that carries it.
    let owner: Die | undefined = die;
    for (let hops = 0; owner && !owner.attrs.has(DW_AT.decl_file) && hops < 6; hops++) {
      owner = attrDie(owner, DW_AT.abstract_origin, this.forest) ?? attrDie(owner, DW_AT.specification, this.forest);
    }
    return this.fileName(owner ?? die, index);
  }

  private location(die: Die, at: number): VariableLocation {
    const v = at === DW_AT.const_value ? inheritedAttr(die, at, this.forest) : die.attrs.get(at);
    if (!v) return { kind: 'none' };
    if (at === DW_AT.const_value) {
      if (v.cls === 'constant') return { kind: 'const', value: v.value };
      if (v.cls === 'block') return { kind: 'const', value: v.bytes };
      if (v.cls === 'string') return { kind: 'const', value: new TextEncoder().encode(v.value) };
      return { kind: 'none' };
    }
    if (v.cls === 'block') return { kind: 'expr', expr: v.bytes };
    const offset = v.cls === 'secOffset' ? v.offset : v.cls === 'constant' && die.unit.version < 4 ? Number(v.value) : undefined;
    if (offset === undefined) return { kind: 'none' };
    try {
      const entries = die.unit.version >= 5 ? readLocationList(die.unit, offset) : readLegacyLocationList(die.unit, offset);
      return { kind: 'list', entries };
    } catch {
      return { kind: 'none' };
    }
  }
}
