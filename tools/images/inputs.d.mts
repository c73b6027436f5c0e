export const VERIFIED_FILE: string;
export function inputFiles(): Promise<string[]>;
export function inputsHash(): Promise<string>;
