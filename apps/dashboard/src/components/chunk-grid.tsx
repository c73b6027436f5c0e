import type { ChunkCell } from '@framefarm/dashboard-server/api-types';
import { mediaUrl } from '../api';
import { percent } from '../format';
import { href } from '../route';

/** A new address for each version of the preview: the browser fetches an image again only when its address changes. */
const previewUrl = (path: string, version: string | undefined): string => (version ? `${mediaUrl(path)}?v=${encodeURIComponent(version)}` : mediaUrl(path));

export function ChunkGrid({ cells }: { cells: ChunkCell[] }) {
  if (cells.length === 0) return <p class="muted">No chunks yet.</p>;
  return (
    <ul class="chunk-grid" aria-label="Chunks">
      {cells.map((cell) => {
        const frames = cell.end - cell.start;
        const label = `chunk ${cell.index}: frames ${cell.start}–${cell.end - 1}, ${cell.status}, ${cell.framesDone} of ${frames}`;
        const body = (
          <>
            {cell.previewPath ? <img class="chunk-preview" src={previewUrl(cell.previewPath, cell.previewVersion)} alt={`latest frame of chunk ${cell.index}`} /> : <div class="chunk-preview chunk-preview-empty" />}
            <div class="chunk-meta">
              <span>#{cell.index}</span>
              <span class={`badge badge-${cell.status.toLowerCase()}`}>{cell.status}</span>
            </div>
            <div class="chunk-bar">
              <div class="chunk-bar-fill" style={{ width: `${percent(cell.framesDone, frames)}%` }} />
            </div>
          </>
        );
        return (
          <li key={cell.index} class="chunk" data-status={cell.status} aria-label={label} title={label}>
            {cell.jobId ? <a href={href.job(cell.jobId)}>{body}</a> : body}
          </li>
        );
      })}
    </ul>
  );
}
