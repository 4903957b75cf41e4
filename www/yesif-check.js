// Importing this module defines <yesif-check>: the three-line embed is
//
//   <script type="module" src="/yesif/yesif-check.js"></script>
//   <yesif-check rules="/yesif/rules/ld-intake.rhai"></yesif-check>   (inside the <form>)
//
// The class lives in ./yesif-check/element.js, for pages that want another tag or registry.
// TypeScript hosts: `make build` writes the declarations into www/dist/types/.
import { YesifCheckElement } from './yesif-check/element.js';

YesifCheckElement.define();

export { YesifCheckElement };
export default YesifCheckElement;
