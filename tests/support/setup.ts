import 'reflect-metadata';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) throw new Error(`Tests need Node >= 22 (got ${process.version}); run them with \`npm test\`.`);
