import { start, TEST_PROFILE } from './app.js';
import { contract } from './contract.js';

contract('node:http', () => start('node:http'), TEST_PROFILE);
contract('Express', () => start('express'), TEST_PROFILE);
contract('Fastify', () => start('fastify'), TEST_PROFILE);
