//! Parameter sets and parameters (descriptors and instances) with real
//! keyframes; the parameter suite in `suites/param.rs` works on these.

use super::keyframes::{Curve, ParamValue};
use super::properties::{PropertySet, Value};
use super::records::lock;
use super::shared::HostShared;
use ofx_sys as ofx;
use std::ffi::{c_void, CStr, CString};
use std::sync::{Arc, Mutex};

const SET_MAGIC: u64 = 0x4f46_5850_5345_5453; // "OFXPSETS"
const PARAM_MAGIC: u64 = 0x4f46_5850_4152_414d; // "OFXPARAM"

/// The C type a parameter's values are passed as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// No value (push button, group, page).
    None,
    /// `int` (integer, boolean, choice).
    Int,
    /// `double`.
    Double,
    /// `const char *`.
    String,
}

/// Value kind and dimension of an OpenFX parameter type; `None` for unknown types.
pub fn type_info(ptype: &CStr) -> Option<(ValueKind, usize)> {
    let t = ptype.to_bytes();
    let is = |c: &CStr| c.to_bytes() == t;
    Some(
        if is(ofx::K_OFX_PARAM_TYPE_INTEGER)
            || is(ofx::K_OFX_PARAM_TYPE_BOOLEAN)
            || is(ofx::K_OFX_PARAM_TYPE_CHOICE)
        {
            (ValueKind::Int, 1)
        } else if is(ofx::K_OFX_PARAM_TYPE_INTEGER_2D) {
            (ValueKind::Int, 2)
        } else if is(ofx::K_OFX_PARAM_TYPE_INTEGER_3D) {
            (ValueKind::Int, 3)
        } else if is(ofx::K_OFX_PARAM_TYPE_DOUBLE) {
            (ValueKind::Double, 1)
        } else if is(ofx::K_OFX_PARAM_TYPE_DOUBLE_2D) {
            (ValueKind::Double, 2)
        } else if is(ofx::K_OFX_PARAM_TYPE_DOUBLE_3D) || is(ofx::K_OFX_PARAM_TYPE_RGB) {
            (ValueKind::Double, 3)
        } else if is(ofx::K_OFX_PARAM_TYPE_RGBA) {
            (ValueKind::Double, 4)
        } else if is(ofx::K_OFX_PARAM_TYPE_STRING)
            || is(ofx::K_OFX_PARAM_TYPE_CUSTOM)
            || is(ofx::K_OFX_PARAM_TYPE_STR_CHOICE)
        {
            (ValueKind::String, 1)
        } else if is(ofx::K_OFX_PARAM_TYPE_PUSH_BUTTON)
            || is(ofx::K_OFX_PARAM_TYPE_GROUP)
            || is(ofx::K_OFX_PARAM_TYPE_PAGE)
        {
            (ValueKind::None, 0)
        } else {
            return None;
        },
    )
}

/// One parameter (descriptor or instance); its address is an `OfxParamHandle`.
#[derive(Debug)]
#[repr(C)]
pub struct ParamNode {
    magic: u64,
    /// Script name.
    pub name: CString,
    /// `kOfxParamType*`.
    pub ptype: CString,
    /// Value kind and dimension.
    pub kind: ValueKind,
    /// Number of values.
    pub dims: usize,
    /// The param's properties.
    pub props: PropertySet,
    /// Value and keys (instances only).
    pub curve: Mutex<Curve>,
    /// Strings handed out by `paramGetValue` for string params (kept alive with the param).
    pub string_out: Mutex<Vec<CString>>,
    /// Set when the plugin changed the value (the host then sends InstanceChanged
    /// with `kOfxChangePluginEdited`).
    pub plugin_edited: std::sync::atomic::AtomicBool,
    /// The host drives this param (the Transition context's `Transition`): the
    /// plugin may only read it, and a write is a violation.
    pub host_driven: std::sync::atomic::AtomicBool,
    /// The host this param belongs to.
    pub host: Arc<HostShared>,
}

impl ParamNode {
    /// The handle.
    pub fn handle(&self) -> *mut c_void {
        self as *const ParamNode as *mut c_void
    }

    /// Resolves a handle.
    ///
    /// # Safety
    /// `h` must be NULL or point to at least 8 readable bytes; if they hold the
    /// param magic, a live `ParamNode`.
    pub unsafe fn from_handle<'a>(h: *const c_void) -> Option<&'a ParamNode> {
        if h.is_null() || !(h as usize).is_multiple_of(std::mem::align_of::<ParamNode>()) {
            return None;
        }
        let p = h as *const ParamNode;
        // SAFETY: aligned and non-null; the caller guarantees 8 readable bytes (the magic is the first field of this repr(C) struct).
        let magic = unsafe { p.cast::<u64>().read() };
        // SAFETY: magic matched, so it is a live node (caller's contract).
        (magic == PARAM_MAGIC).then(|| unsafe { &*p })
    }

    /// The default value declared in `kOfxParamPropDefault`.
    pub fn default_value(&self) -> ParamValue {
        match self.kind {
            ValueKind::None => ParamValue::None,
            ValueKind::String => ParamValue::Str(
                self.props
                    .string(ofx::K_OFX_PARAM_PROP_DEFAULT)
                    .unwrap_or_default(),
            ),
            ValueKind::Int => ParamValue::Num(
                self.props
                    .ints(ofx::K_OFX_PARAM_PROP_DEFAULT)
                    .unwrap_or_default()
                    .into_iter()
                    .map(f64::from)
                    .collect(),
            ),
            ValueKind::Double => ParamValue::Num(
                self.props
                    .doubles(ofx::K_OFX_PARAM_PROP_DEFAULT)
                    .unwrap_or_default(),
            ),
        }
    }

    /// Whether `kOfxParamPropAnimates` is set.
    pub fn animates(&self) -> bool {
        self.props.int(ofx::K_OFX_PARAM_PROP_ANIMATES).unwrap_or(0) != 0
    }

    /// The value at `time` (the curve's static value when there are no keys).
    pub fn value_at(&self, time: f64) -> ParamValue {
        lock(&self.curve).at(time)
    }

    /// A new descriptor of type `ptype` with the standard properties and defaults.
    pub fn describe(host: &Arc<HostShared>, name: &CStr, ptype: &CStr) -> Option<ParamNode> {
        let (kind, dims) = type_info(ptype)?;
        let props = PropertySet::new(format!("param {}", name.to_string_lossy()), true);
        let s = |v: &str| Value::strings(&[v]);
        let name_s = name.to_string_lossy();
        props.define(
            ofx::K_OFX_PROP_TYPE,
            Value::String(vec![ofx::K_OFX_TYPE_PARAMETER.to_owned()]),
        );
        props.define(ofx::K_OFX_PROP_NAME, s(&name_s));
        props.define(ofx::K_OFX_PROP_LABEL, s(&name_s));
        props.define(ofx::K_OFX_PROP_SHORT_LABEL, s(&name_s));
        props.define(ofx::K_OFX_PROP_LONG_LABEL, s(&name_s));
        props.define(
            ofx::K_OFX_PARAM_PROP_TYPE,
            Value::String(vec![ptype.to_owned()]),
        );
        props.define(ofx::K_OFX_PARAM_PROP_SCRIPT_NAME, s(&name_s));
        props.define(ofx::K_OFX_PARAM_PROP_HINT, s(""));
        props.define(ofx::K_OFX_PARAM_PROP_PARENT, s(""));
        props.define(ofx::K_OFX_PARAM_PROP_ENABLED, Value::Int(vec![1]));
        props.define(ofx::K_OFX_PARAM_PROP_SECRET, Value::Int(vec![0]));
        props.define(ofx::K_OFX_PARAM_PROP_DATA_PTR, Value::Pointer(vec![0]));
        if kind != ValueKind::None {
            props.define(ofx::K_OFX_PARAM_PROP_ANIMATES, Value::Int(vec![1]));
            props.define(ofx::K_OFX_PARAM_PROP_IS_ANIMATING, Value::Int(vec![0]));
            props.define(ofx::K_OFX_PARAM_PROP_IS_AUTO_KEYING, Value::Int(vec![0]));
            props.define(ofx::K_OFX_PARAM_PROP_PERSISTANT, Value::Int(vec![1]));
            props.define(
                ofx::K_OFX_PARAM_PROP_EVALUATE_ON_CHANGE,
                Value::Int(vec![1]),
            );
            props.define(ofx::K_OFX_PARAM_PROP_CAN_UNDO, Value::Int(vec![1]));
            props.define(
                ofx::K_OFX_PARAM_PROP_CACHE_INVALIDATION,
                Value::String(vec![ofx::K_OFX_PARAM_INVALIDATE_VALUE_CHANGE.to_owned()]),
            );
        }
        match kind {
            ValueKind::Int => {
                props.define(ofx::K_OFX_PARAM_PROP_DEFAULT, Value::Int(vec![0; dims]));
                props.define(ofx::K_OFX_PARAM_PROP_MIN, Value::Int(vec![i32::MIN; dims]));
                props.define(ofx::K_OFX_PARAM_PROP_MAX, Value::Int(vec![i32::MAX; dims]));
                props.define(
                    ofx::K_OFX_PARAM_PROP_DISPLAY_MIN,
                    Value::Int(vec![i32::MIN; dims]),
                );
                props.define(
                    ofx::K_OFX_PARAM_PROP_DISPLAY_MAX,
                    Value::Int(vec![i32::MAX; dims]),
                );
            }
            ValueKind::Double => {
                props.define(
                    ofx::K_OFX_PARAM_PROP_DEFAULT,
                    Value::Double(vec![0.0; dims]),
                );
                props.define(
                    ofx::K_OFX_PARAM_PROP_MIN,
                    Value::Double(vec![-f64::MAX; dims]),
                );
                props.define(
                    ofx::K_OFX_PARAM_PROP_MAX,
                    Value::Double(vec![f64::MAX; dims]),
                );
                props.define(
                    ofx::K_OFX_PARAM_PROP_DISPLAY_MIN,
                    Value::Double(vec![-f64::MAX; dims]),
                );
                props.define(
                    ofx::K_OFX_PARAM_PROP_DISPLAY_MAX,
                    Value::Double(vec![f64::MAX; dims]),
                );
                props.define(ofx::K_OFX_PARAM_PROP_INCREMENT, Value::Double(vec![1.0]));
                props.define(ofx::K_OFX_PARAM_PROP_DIGITS, Value::Int(vec![2]));
                props.define(
                    ofx::K_OFX_PARAM_PROP_DOUBLE_TYPE,
                    Value::String(vec![ofx::K_OFX_PARAM_DOUBLE_TYPE_PLAIN.to_owned()]),
                );
            }
            ValueKind::String => {
                props.define(ofx::K_OFX_PARAM_PROP_DEFAULT, s(""));
                props.define(
                    ofx::K_OFX_PARAM_PROP_STRING_MODE,
                    Value::String(vec![ofx::K_OFX_PARAM_STRING_IS_SINGLE_LINE.to_owned()]),
                );
            }
            ValueKind::None => {}
        }
        if ptype.to_bytes() == ofx::K_OFX_PARAM_TYPE_CHOICE.to_bytes()
            || ptype.to_bytes() == ofx::K_OFX_PARAM_TYPE_STR_CHOICE.to_bytes()
        {
            props.define(
                ofx::K_OFX_PARAM_PROP_CHOICE_OPTION,
                Value::String(Vec::new()),
            );
        }
        if ptype.to_bytes() == ofx::K_OFX_PARAM_TYPE_PAGE.to_bytes() {
            props.define(ofx::K_OFX_PARAM_PROP_PAGE_CHILD, Value::String(Vec::new()));
        }
        let integer = kind == ValueKind::Int;
        let linear = matches!(kind, ValueKind::Int | ValueKind::Double)
            && ptype.to_bytes() != ofx::K_OFX_PARAM_TYPE_BOOLEAN.to_bytes()
            && ptype.to_bytes() != ofx::K_OFX_PARAM_TYPE_CHOICE.to_bytes();
        Some(ParamNode {
            magic: PARAM_MAGIC,
            name: name.to_owned(),
            ptype: ptype.to_owned(),
            kind,
            dims,
            props,
            curve: Mutex::new(Curve::new(ParamValue::None, linear, integer)),
            string_out: Mutex::new(Vec::new()),
            plugin_edited: Default::default(),
            host_driven: Default::default(),
            host: host.clone(),
        })
    }

    /// An instance made from this descriptor: same properties (now a closed set),
    /// value = default.
    pub fn instantiate(&self) -> ParamNode {
        let props = PropertySet::new(self.props.what().to_owned(), false);
        props.copy_from(&self.props);
        props.set(
            ofx::K_OFX_PROP_TYPE,
            Value::String(vec![ofx::K_OFX_TYPE_PARAMETER_INSTANCE.to_owned()]),
        );
        let curve = lock(&self.curve).clone();
        let node = ParamNode {
            magic: PARAM_MAGIC,
            name: self.name.clone(),
            ptype: self.ptype.clone(),
            kind: self.kind,
            dims: self.dims,
            props,
            curve: Mutex::new(curve),
            string_out: Mutex::new(Vec::new()),
            plugin_edited: Default::default(),
            host_driven: Default::default(),
            host: self.host.clone(),
        };
        lock(&node.curve).value = node.default_value();
        node
    }
}

/// A parameter set (of a descriptor or an instance); its address is an `OfxParamSetHandle`.
#[derive(Debug)]
#[repr(C)]
pub struct ParamSetNode {
    magic: u64,
    /// The set's properties.
    pub props: PropertySet,
    /// Params in definition order; boxed so their handles stay put.
    pub params: Mutex<Vec<Arc<ParamNode>>>,
    /// Depth of `paramEditBegin` nesting.
    pub edit_depth: Mutex<i32>,
    /// The host this set belongs to.
    pub host: Arc<HostShared>,
    /// True for an instance's set (params may not be defined, values may be set).
    pub instance: bool,
}

impl ParamSetNode {
    /// An empty set (descriptor sets are open to new properties).
    pub fn new(host: &Arc<HostShared>, instance: bool) -> ParamSetNode {
        let props = PropertySet::new("param set", !instance);
        props.define(ofx::K_OFX_PROP_PARAM_SET_NEEDS_SYNCING, Value::Int(vec![0]));
        ParamSetNode {
            magic: SET_MAGIC,
            props,
            params: Mutex::new(Vec::new()),
            edit_depth: Mutex::new(0),
            host: host.clone(),
            instance,
        }
    }

    /// The handle.
    pub fn handle(&self) -> *mut c_void {
        self as *const ParamSetNode as *mut c_void
    }

    /// Resolves a handle.
    ///
    /// # Safety
    /// As [`ParamNode::from_handle`].
    pub unsafe fn from_handle<'a>(h: *const c_void) -> Option<&'a ParamSetNode> {
        if h.is_null() || !(h as usize).is_multiple_of(std::mem::align_of::<ParamSetNode>()) {
            return None;
        }
        let p = h as *const ParamSetNode;
        // SAFETY: aligned and non-null; caller guarantees 8 readable bytes.
        let magic = unsafe { p.cast::<u64>().read() };
        // SAFETY: magic matched (caller's contract).
        (magic == SET_MAGIC).then(|| unsafe { &*p })
    }

    /// The param named `name`.
    pub fn get(&self, name: &str) -> Option<Arc<ParamNode>> {
        lock(&self.params)
            .iter()
            .find(|p| p.name.to_bytes() == name.as_bytes())
            .cloned()
    }

    /// All params.
    pub fn all(&self) -> Vec<Arc<ParamNode>> {
        lock(&self.params).clone()
    }
}
