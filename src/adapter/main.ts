// Debug adapter process entry: speaks the Debug Adapter Protocol on stdin/stdout. Nothing else
// may write to stdout here; diagnostics go to stderr or a log file.
import { DebugSession } from '@vscode/debugadapter';
import { PintosDebugSession } from './session';

DebugSession.run(PintosDebugSession);
