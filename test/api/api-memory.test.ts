// The API suite on the embedded memory store.
import { storeFactories } from '../support/fixtures.ts';
import { describeAnalysisApi } from './analysis-suite.ts';
import { describeApi } from './api-suite.ts';
import { describeAsOfApi } from './as-of-suite.ts';
import { describeSourcesApi } from './sources-suite.ts';
import { describeGradesApi } from './grades-suite.ts';
import { describeAnalysisGradesApi } from './analysis-grades-suite.ts';

describeApi('memory', storeFactories.memory);
describeAnalysisApi('memory', storeFactories.memory);
describeSourcesApi('memory', storeFactories.memory);
describeAsOfApi('memory', storeFactories.memory);
describeGradesApi('memory', storeFactories.memory);
describeAnalysisGradesApi('memory', storeFactories.memory);
