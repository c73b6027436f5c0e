import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { FfmpegNotFoundError } from './errors';

type Tool = 'ffmpeg' | 'ffprobe';

const ENV_VARIABLE: Record<Tool, string> = { ffmpeg: 'FFMPEG_PATH', ffprobe: 'FFPROBE_PATH' };
const INSTALLER: Record<Tool, string> = { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' };

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function fromInstaller(tool: Tool): string | undefined {
  try {
    // Required by name at run time: the installer packages stay external to the app bundles.
    const { path } = require(INSTALLER[tool]) as { path: string };
    return isExecutable(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function fromPath(tool: Tool): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, tool))) return join(dir, tool);
  }
  return undefined;
}

/** FFMPEG_PATH/FFPROBE_PATH first, then the npm-shipped binary, then the one on PATH. */
export function resolveTool(tool: Tool, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env[ENV_VARIABLE[tool]];
  if (configured) {
    if (!isExecutable(configured)) {
      throw new FfmpegNotFoundError(`${ENV_VARIABLE[tool]}=${configured} is not an executable file: fix the path or unset it`);
    }
    return configured;
  }
  const found = fromInstaller(tool) ?? fromPath(tool);
  if (!found) {
    throw new FfmpegNotFoundError(`${tool} not found: install ${INSTALLER[tool]}, put ${tool} on PATH, or set ${ENV_VARIABLE[tool]}`);
  }
  return found;
}

export const resolveFfmpeg = (env?: NodeJS.ProcessEnv): string => resolveTool('ffmpeg', env);
export const resolveFfprobe = (env?: NodeJS.ProcessEnv): string => resolveTool('ffprobe', env);
