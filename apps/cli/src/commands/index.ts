import { RegisterCommand } from '../program';

/** The CLI's commands, in the order `framefarm --help` lists them. */
export const commands: RegisterCommand[] = [];
