// Importing this module defines <yesif-check>: the three-line embed is
//
//   <script type="module" src="/yesif/yesif-check.js"></script>
//   <yesif-check rules="/yesif/rules/ld-intake.rhai"></yesif-check>   (inside the <form>)
//
// The class lives in ./yesif-check/element.js, for pages that want another tag or registry.
import { YesifCheckElement } from './yesif-check/element.js';

YesifCheckElement.define();

export { YesifCheckElement };
export default YesifCheckElement;
