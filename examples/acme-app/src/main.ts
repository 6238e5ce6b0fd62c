import { newHireRequest } from './new-hire.js';

// Prints a typed create request; the point of this example is that it compiles.
process.stdout.write(`${JSON.stringify(newHireRequest('bjensen@example.com', 'CC-1234'), null, 2)}\n`);
