import { buildApp, InvalidStackConfigError } from './app';
import { JobDoesNotFitError, UnsupportedInstanceTypeError } from './instance-capacity';

try {
  buildApp().app.synth();
} catch (error) {
  if (
    error instanceof InvalidStackConfigError ||
    error instanceof JobDoesNotFitError ||
    error instanceof UnsupportedInstanceTypeError
  ) {
    console.error(`${error.name}: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
