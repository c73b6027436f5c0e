import { RegisterCommand } from '../program';
import { registerUp } from './up';
import { registerWorkflow } from './workflow';

/** The CLI's commands, in the order `framefarm --help` lists them. */
export const commands: RegisterCommand[] = [registerUp, registerWorkflow];
