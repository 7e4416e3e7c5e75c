// ESLint rule `layers/import-direction`: enforces the layer graph of the design document.
// A file in src/<layer>/ may import only from its own layer and from the layers listed for it
// below; only src/extension may import the `vscode` module. Imports are resolved relative to
// the importing file, so `../kernel/x` from src/emu/y.ts is seen as a kernel import.
import { dirname, relative, resolve, sep } from 'node:path';

/** Which layers each layer may import (besides itself). Data flows down; nothing imports upward. */
export const allowedImports = {
  emu: [],
  debuginfo: [],
  shared: [],
  kernel: ['emu'],
  guestos: ['emu', 'debuginfo', 'shared'],
  runtime: ['emu', 'kernel', 'guestos', 'debuginfo', 'shared'],
  adapter: ['runtime', 'shared'],
  cli: ['runtime', 'kernel', 'guestos', 'emu', 'debuginfo', 'shared'],
  extension: ['shared'],
};

/** Returns the layer ('emu', 'kernel', ...) a path lies in, or undefined outside src/<layer>/. */
function layerOf(absPath, srcRoot) {
  const rel = relative(srcRoot, absPath);
  if (rel.startsWith('..')) return undefined;
  const first = rel.split(sep)[0];
  return first in allowedImports ? first : undefined;
}

/** The rule object, for a flat-config plugin. */
export const importDirectionRule = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the layer graph: lower layers never import higher ones' },
    schema: [],
    messages: {
      vscode: "Only src/extension may import 'vscode' (this file is in src/{{layer}}).",
      upward: "src/{{layer}} may not import from src/{{target}}; allowed: {{allowed}}.",
    },
  },
  create(context) {
    const file = context.filename;
    const srcRoot = resolve(context.cwd, 'src');
    const layer = layerOf(file, srcRoot);
    if (!layer) return {};
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec === 'vscode') {
        if (layer !== 'extension') context.report({ node, messageId: 'vscode', data: { layer } });
        return;
      }
      if (!spec.startsWith('.')) return;
      const target = layerOf(resolve(dirname(file), spec), srcRoot);
      if (!target || target === layer) return;
      if (!allowedImports[layer].includes(target)) {
        const allowed = allowedImports[layer].join(', ') || 'none';
        context.report({ node, messageId: 'upward', data: { layer, target, allowed } });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' && check(node, node.moduleReference.expression.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};
