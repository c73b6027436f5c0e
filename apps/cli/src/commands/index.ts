import { RegisterCommand } from '../program';
import { registerRun } from './run';
import { registerUp } from './up';
import { registerWorkflow } from './workflow';

/** The CLI's commands, in the order `framefarm --help` lists them. */
export const commands: RegisterCommand[] = [registerRun, registerUp, registerWorkflow];
