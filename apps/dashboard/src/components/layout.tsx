import type { ComponentChildren } from 'preact';
import type { Route } from '../route';
import { href } from '../route';

export function Layout({ route, children }: { route: Route; children: ComponentChildren }) {
  const current = (page: Route['page']): 'page' | undefined => (route.page === page ? 'page' : undefined);
  return (
    <>
      <header class="top">
        <a class="brand" href={href.runs()}>
          framefarm
        </a>
        <nav aria-label="Main">
          <a href={href.runs()} aria-current={current('runs')}>
            Runs
          </a>
          <a href={href.queues()} aria-current={current('queues')}>
            Queues
          </a>
        </nav>
      </header>
      <main>{children}</main>
    </>
  );
}

export function Failure({ error }: { error: Error }) {
  return (
    <p class="error" role="alert">
      {error.message}
    </p>
  );
}
