// The widget's module (www/pkg/) made to survive traps: `RecoveringRuleSet` and the rest of
// recovering.js bound to it. The playground binds the same code to its own module.

import * as glue from '../pkg/yesif.js';
import { recovering } from './recovering.js';

export { isTrap } from './recovering.js';
export const { RecoveringRuleSet, restartEngine, engineGeneration } = recovering(glue);
