import { href } from '../route';

export function NotFound({ what }: { what: string }) {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no {what}. It may have been typed wrong, or belong to another stack. <a href={href.runs()}>See all runs</a>.
      </p>
    </section>
  );
}
