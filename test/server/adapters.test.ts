import { start } from './app.js';
import { contract } from './contract.js';

contract('node:http', () => start('node:http'));
contract('Express', () => start('express'));
contract('Fastify', () => start('fastify'));
