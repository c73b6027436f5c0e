import { loadSketch, createFrameRenderer, previewJpegOfCanvas } from '@framefarm/sketch';
import { PREVIEW_EVERY_MS } from '../../apps/render/src/preview-publisher';
import { fmt, stats } from './measure';
import type { Section } from './report';

const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/**
 * What the dashboard's chunk previews cost a render job: the CPU of one preview (a 320-pixel JPEG
 * of the latest frame, made from its canvas in the sketch thread, as the render job does) against the CPU the job spends rendering between two
 * previews (one every PREVIEW_EVERY_MS while it renders), for the built-in demo sketch at 1280×720.
 */
export async function previewCost(options: { frames: number; previews: number }): Promise<Section> {
  const size = { width: 1280, height: 720, fps: 30, totalFrames: options.frames, seed: 'bench' };
  const renderer = createFrameRenderer(await loadSketch('aurora'), size);
  const renderStart = cpuMs();
  const wallStart = performance.now();
  for (let i = 0; i < options.frames; i++) renderer.rgba(i);
  const renderCpuPerFrame = (cpuMs() - renderStart) / options.frames;
  const renderWallPerFrame = (performance.now() - wallStart) / options.frames;
  // The canvas holds the last frame drawn: the one a preview shows.
  const last = renderer.canvas(options.frames - 1);
  // The first preview of a job loads the JPEG encoder once; it is timed apart.
  const warmStart = cpuMs();
  previewJpegOfCanvas(last);
  const firstPreview = cpuMs() - warmStart;
  const perPreview: number[] = [];
  for (let i = 0; i < options.previews; i++) {
    const before = cpuMs();
    previewJpegOfCanvas(last);
    perPreview.push(cpuMs() - before);
  }
  // Between two previews a render job draws for PREVIEW_EVERY_MS of wall time (drawing is what
  // this process does; x264 runs in ffmpeg's process and is not counted, which overstates the share).
  const framesBetween = PREVIEW_EVERY_MS / renderWallPerFrame;
  const share = perPreview.map((ms) => ms / (ms + framesBetween * renderCpuPerFrame));
  const typical = stats(share).median;
  return {
    id: 'previews',
    title: 'Chunk previews: their share of a render job',
    intro: `Each render job publishes a 320-pixel JPEG of its latest frame every ${PREVIEW_EVERY_MS / 1000} s for the dashboard. Measured here: the CPU of one preview (${options.previews} of them) against the drawing CPU of the frames rendered in between (aurora at 1280×720, ${options.frames} frames timed). The share leaves out x264, which runs in ffmpeg's own process, so the real share of a job's CPU is smaller still. A job's first preview also loads the JPEG encoder: ${firstPreview.toFixed(0)} ms of CPU once per job.`,
    tables: [
      {
        headers: ['per preview (CPU)', 'drawing per frame (CPU)', 'frames between previews', 'share of the render job'],
        rows: [[fmt(stats(perPreview), 1, ' ms'), `${renderCpuPerFrame.toFixed(1)} ms`, framesBetween.toFixed(0), fmt(stats(share.map((s) => s * 100)), 2, ' %')]],
      },
    ],
    targets: [{ what: 'previews cost under 1 % of a render job (median)', measured: `${(typical * 100).toFixed(2)} %`, met: typical < 0.01 }],
  };
}
