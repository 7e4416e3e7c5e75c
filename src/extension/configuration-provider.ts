// Launch configurations of the `pintos` type: offers the workspace's programs when there is no
// launch.json (F5) or when one is created, lists them in the Run and Debug drop-down, and
// resolves relative paths against the workspace folder before the adapter sees them.
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { configurationFor, findPrograms, pickProgram } from './program-finder';
import type { PintosLaunchArguments, PintosSystemLaunchArguments } from '../shared/launch';
import { resolveLaunchPaths, resolveSystemPaths } from './launch-paths';

/** Initial and resolving provider (registered with the Initial trigger). */
export class PintosConfigurationProvider implements vscode.DebugConfigurationProvider {
  /** New launch.json: a configuration for the program the user picks (or a template). */
  async provideDebugConfigurations(folder: vscode.WorkspaceFolder | undefined): Promise<vscode.DebugConfiguration[]> {
    const picked = await pickProgram(folder !== undefined ? [folder] : undefined);
    if (picked === undefined) {
      return [{ type: 'pintos', request: 'launch', name: 'Pintos: hello', program: '${workspaceFolder}/userprogs/build/hello', args: [], stopOnEntry: true }];
    }
    return [configurationFor(picked)];
  }

  /**
   * F5 without launch.json (empty configuration): asks for a program. A `pintos` configuration
   * without `program` asks too. Undefined (abort) when the user cancels.
   */
  async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    if (!config.type && !config.request && !config.name) {
      const picked = await pickProgram(folder !== undefined ? [folder] : undefined);
      return picked === undefined ? undefined : configurationFor(picked);
    }
    if (config.type === 'pintos' && !config.program && config.system !== true) {
      const picked = await pickProgram(folder !== undefined ? [folder] : undefined);
      if (picked === undefined) return undefined;
      return { ...config, program: picked.uri.fsPath };
    }
    return config;
  }

  /**
   * After variable substitution: absolute paths against `cwd` (default: the workspace folder), and
   * a clear message when the program is missing (null opens launch.json to fix it).
   */
  resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | null | undefined {
    const cwd = typeof config.cwd === 'string' && config.cwd !== '' ? config.cwd : (folder?.uri.fsPath ?? process.cwd());
    if (config.system === true) {
      const system = resolveSystemPaths(config as vscode.DebugConfiguration & Partial<PintosSystemLaunchArguments>, cwd);
      const buildDir = String(system.buildDir);
      if (!existsSync(path.join(buildDir, 'os.dsk'))) {
        void vscode.window.showErrorMessage(`Pintos: the launch attribute "buildDir" names ${JSON.stringify(config.buildDir ?? '.')}, which has no os.dsk (resolved to ${buildDir}). Run make in your Pintos build directory (for example vm/build) or fix the path in launch.json.`);
        return null;
      }
      return system;
    }
    const resolved = resolveLaunchPaths(config as vscode.DebugConfiguration & Partial<PintosLaunchArguments>, cwd);
    const program = resolved.program;
    if (typeof program !== 'string' || !existsSync(program) || statSync(program).isDirectory()) {
      void vscode.window.showErrorMessage(`Pintos: the launch attribute "program" names ${JSON.stringify(config.program)}, which is not a file (resolved to ${String(program)}). Build it or fix the path in launch.json.`);
      return null;
    }
    return resolved;
  }
}

/** Dynamic provider: one configuration per program of the workspace in the Run and Debug list. */
export class PintosDynamicConfigurations implements vscode.DebugConfigurationProvider {
  async provideDebugConfigurations(folder: vscode.WorkspaceFolder | undefined): Promise<vscode.DebugConfiguration[]> {
    const programs = await findPrograms(folder !== undefined ? [folder] : undefined);
    return programs.map(configurationFor);
  }
}
