// Render the harness's outputs with the Cucumber ecosystem's own tools, as a reviewer would.
//   node render.mjs html-formatter messages.ndjson out.html   (@cucumber/html-formatter)
//   node render.mjs html-reporter cucumber.json out.html      (cucumber-html-reporter, bootstrap theme)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { pipeline } from 'node:stream/promises';
import { CucumberHtmlStream } from '@cucumber/html-formatter';
import { NdjsonToMessageStream } from '@cucumber/message-streams';

const [tool, input, output] = process.argv.slice(2);

if (tool === 'html-formatter') {
  await pipeline(
    fs.createReadStream(input, 'utf-8'),
    new NdjsonToMessageStream(),
    new CucumberHtmlStream(),
    fs.createWriteStream(output),
  );
} else if (tool === 'html-reporter') {
  const reporter = createRequire(import.meta.url)('cucumber-html-reporter');
  reporter.generate({
    theme: 'bootstrap',
    jsonFile: input,
    output,
    reportSuiteAsScenarios: true,
    scenarioTimestamp: false,
    launchReport: false,
    brandTitle: 'offline conformance harness',
  });
} else {
  console.error(`usage: node render.mjs html-formatter|html-reporter INPUT OUTPUT (not ${tool})`);
  process.exit(2);
}
