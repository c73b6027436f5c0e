import { RegisterCommand } from '../program';
import { registerCancel } from './cancel';
import { registerEnv } from './env';
import { registerDashboard } from './dashboard';
import { registerLogs } from './logs';
import { registerReport } from './report';
import { registerResume } from './resume';
import { registerRun } from './run';
import { registerStatus } from './status';
import { registerSubmit } from './submit';
import { registerUp } from './up';
import { registerWorkflow } from './workflow';

/** The CLI's commands, in the order `framefarm --help` lists them. */
export const commands: RegisterCommand[] = [registerRun, registerUp, registerEnv, registerSubmit, registerStatus, registerLogs, registerCancel, registerResume, registerReport, registerDashboard, registerWorkflow];
