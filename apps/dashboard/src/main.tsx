import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { openSession } from './api';
import { Failure, Layout } from './components/layout';
import { JobPage } from './pages/job-page';
import { NotFound } from './pages/not-found';
import { QueuesPage } from './pages/queues-page';
import { RunPage } from './pages/run-page';
import { RunsPage } from './pages/runs-page';
import { parseRoute, type Route } from './route';
import './style.css';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'runs':
      return <RunsPage next={route.next} />;
    case 'run':
      return <RunPage runId={route.runId} />;
    case 'job':
      return <JobPage jobId={route.jobId} />;
    case 'queues':
      return <QueuesPage />;
    default:
      return <NotFound what={`page ${route.path}`} />;
  }
}

function App() {
  const [route, setRoute] = useState<Route | undefined>();
  const [sessionError, setSessionError] = useState<Error | undefined>();
  useEffect(() => {
    // The printed link may also arrive in a tab that shows the dashboard already: a new token in
    // the fragment opens a new session either way.
    const onHash = (): void => {
      openSession().then(
        () => {
          setSessionError(undefined);
          setRoute(parseRoute(location.hash));
        },
        (error: Error) => setSessionError(error),
      );
    };
    onHash();
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  if (!route && !sessionError) return null;
  return <Layout route={route ?? { page: 'runs' }}>{sessionError ? <Failure error={sessionError} /> : <Page route={route as Route} key={location.hash} />}</Layout>;
}

render(<App />, document.getElementById('app') as HTMLElement);
