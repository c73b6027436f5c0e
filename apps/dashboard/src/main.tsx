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

function App({ sessionError }: { sessionError?: Error }) {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = (): void => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return <Layout route={route}>{sessionError ? <Failure error={sessionError} /> : <Page route={route} key={location.hash} />}</Layout>;
}

const root = document.getElementById('app') as HTMLElement;
openSession().then(
  () => render(<App />, root),
  (error: Error) => render(<App sessionError={error} />, root),
);
