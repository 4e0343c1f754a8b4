//! Typed OpenFX property sets, as the host stores them.
//!
//! A [`PropertySet`] maps property names to typed values with a dimension
//! (int, double, string or pointer, each a vector). Its address is the
//! `OfxPropertySetHandle` handed to the plugin; the property suite in
//! `suites/property.rs` reads and writes it. Descriptors are *open* (the plugin
//! may add properties the host did not predefine); instance, clip, image and
//! action-argument sets are *closed*: an unknown name is `kOfxStatErrUnknown`.

use super::status::Status;
use std::collections::BTreeMap;
use std::ffi::{c_char, c_void, CStr, CString};
use std::sync::{Mutex, MutexGuard};

/// Tag at the start of every [`PropertySet`], checked on each suite call so a
/// wrong or stale handle is reported instead of read as garbage.
const MAGIC: u64 = 0x4f46_5850_524f_5053; // "OFXPROPS"

/// One typed property value: every OpenFX property is a vector of one type.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `int` values (booleans are ints).
    Int(Vec<i32>),
    /// `double` values.
    Double(Vec<f64>),
    /// UTF-8 strings; the plugin receives pointers into these.
    String(Vec<CString>),
    /// Opaque pointers, stored as addresses.
    Pointer(Vec<usize>),
}

impl Value {
    /// Number of elements (the property's dimension).
    pub fn len(&self) -> usize {
        match self {
            Value::Int(v) => v.len(),
            Value::Double(v) => v.len(),
            Value::String(v) => v.len(),
            Value::Pointer(v) => v.len(),
        }
    }

    /// True when the property has no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A string value from Rust strings (interior NULs are dropped).
    pub fn strings<S: AsRef<str>>(items: &[S]) -> Value {
        Value::String(items.iter().map(|s| cstring(s.as_ref())).collect())
    }

    fn empty_like(&self) -> Value {
        match self {
            Value::Int(_) => Value::Int(Vec::new()),
            Value::Double(_) => Value::Double(Vec::new()),
            Value::String(_) => Value::String(Vec::new()),
            Value::Pointer(_) => Value::Pointer(Vec::new()),
        }
    }
}

/// A Rust string as a C string, dropping interior NULs.
pub fn cstring(s: &str) -> CString {
    CString::new(s.replace('\0', "")).unwrap_or_default()
}

#[derive(Debug, Clone)]
struct Prop {
    value: Value,
    default: Value,
}

/// A typed property set; its address is an `OfxPropertySetHandle`.
#[derive(Debug)]
#[repr(C)]
pub struct PropertySet {
    magic: u64,
    /// What the set belongs to ("host", "effect instance", "clip Source", ...), for messages.
    what: String,
    open: bool,
    props: Mutex<BTreeMap<CString, Prop>>,
}

/// The element type the plugin asked for in a property-suite call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `propGetInt`/`propSetInt`...
    Int,
    /// `propGetDouble`...
    Double,
    /// `propGetString`...
    String,
    /// `propGetPointer`...
    Pointer,
}

impl PropertySet {
    /// An empty set. `open` sets accept new property names from the plugin.
    pub fn new(what: impl Into<String>, open: bool) -> Self {
        PropertySet {
            magic: MAGIC,
            what: what.into(),
            open,
            props: Mutex::new(BTreeMap::new()),
        }
    }

    /// What this set belongs to.
    pub fn what(&self) -> &str {
        &self.what
    }

    /// The handle handed to the plugin.
    pub fn handle(&self) -> *mut c_void {
        self as *const PropertySet as *mut c_void
    }

    /// Resolves a handle from the plugin; `None` for NULL or a handle that is not a property set.
    ///
    /// # Safety
    /// `handle` must be NULL or point to readable memory of at least 8 bytes that, if it
    /// holds the property-set tag, is a live `PropertySet`.
    pub unsafe fn from_handle<'a>(handle: *const c_void) -> Option<&'a PropertySet> {
        if handle.is_null()
            || !(handle as usize).is_multiple_of(std::mem::align_of::<PropertySet>())
        {
            return None;
        }
        let set = handle as *const PropertySet;
        // SAFETY: non-null and aligned; the caller guarantees 8 readable bytes.
        let magic = unsafe { set.cast::<u64>().read() };
        // SAFETY: a set carrying MAGIC is live (the caller's contract).
        (magic == MAGIC).then(|| unsafe { &*set })
    }

    fn lock(&self) -> MutexGuard<'_, BTreeMap<CString, Prop>> {
        self.props.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Defines (or redefines) a property with its default value.
    pub fn define(&self, name: &CStr, value: Value) {
        self.lock().insert(
            name.to_owned(),
            Prop {
                default: value.clone(),
                value,
            },
        );
    }

    /// Sets a property's whole value, defining it when absent.
    pub fn set(&self, name: &CStr, value: Value) {
        let mut map = self.lock();
        match map.get_mut(name) {
            Some(p) => p.value = value,
            None => {
                map.insert(
                    name.to_owned(),
                    Prop {
                        default: value.clone(),
                        value,
                    },
                );
            }
        }
    }

    /// Removes a property (hosts that lack it reply `kOfxStatErrUnknown`).
    pub fn remove(&self, name: &CStr) {
        self.lock().remove(name);
    }

    /// A property's whole value.
    pub fn get(&self, name: &CStr) -> Option<Value> {
        self.lock().get(name).map(|p| p.value.clone())
    }

    /// Whether the property exists.
    pub fn contains(&self, name: &CStr) -> bool {
        self.lock().contains_key(name)
    }

    /// The first int of a property.
    pub fn int(&self, name: &CStr) -> Option<i32> {
        match self.get(name)? {
            Value::Int(v) => v.first().copied(),
            _ => None,
        }
    }

    /// All ints of a property.
    pub fn ints(&self, name: &CStr) -> Option<Vec<i32>> {
        match self.get(name)? {
            Value::Int(v) => Some(v),
            _ => None,
        }
    }

    /// All doubles of a property.
    pub fn doubles(&self, name: &CStr) -> Option<Vec<f64>> {
        match self.get(name)? {
            Value::Double(v) => Some(v),
            _ => None,
        }
    }

    /// The first double of a property.
    pub fn double(&self, name: &CStr) -> Option<f64> {
        self.doubles(name)?.first().copied()
    }

    /// All strings of a property.
    pub fn strings(&self, name: &CStr) -> Option<Vec<String>> {
        match self.get(name)? {
            Value::String(v) => Some(v.iter().map(|s| s.to_string_lossy().into_owned()).collect()),
            _ => None,
        }
    }

    /// The first string of a property.
    pub fn string(&self, name: &CStr) -> Option<String> {
        self.strings(name)?.into_iter().next()
    }

    /// All property names, for diagnostics.
    pub fn names(&self) -> Vec<String> {
        self.lock()
            .keys()
            .map(|k| k.to_string_lossy().into_owned())
            .collect()
    }

    /// Copies every property of `other` into this set.
    pub fn copy_from(&self, other: &PropertySet) {
        let src = other.lock().clone();
        let mut dst = self.lock();
        for (k, v) in src {
            dst.insert(k, v);
        }
    }

    // ----- the property suite's view -----

    /// `propSet*`: sets element `index` of a property of type `kind`.
    pub fn suite_set(&self, name: &CStr, kind: Kind, index: i32, value: Value) -> Status {
        let Ok(index) = usize::try_from(index) else {
            return Status::ErrBadIndex;
        };
        let mut map = self.lock();
        if !map.contains_key(name) {
            if !self.open {
                return Status::ErrUnknown;
            }
            let empty = value.empty_like();
            map.insert(
                name.to_owned(),
                Prop {
                    value: empty.clone(),
                    default: empty,
                },
            );
        }
        let Some(prop) = map.get_mut(name) else {
            return Status::ErrUnknown;
        };
        if kind_of(&prop.value) != kind {
            return Status::ErrValue;
        }
        // Open sets grow on demand; closed sets keep the host's dimension.
        let grow = self.open;
        match (&mut prop.value, value) {
            (Value::Int(v), Value::Int(n)) => put(v, index, n, grow, 0),
            (Value::Double(v), Value::Double(n)) => put(v, index, n, grow, 0.0),
            (Value::String(v), Value::String(n)) => put(v, index, n, grow, CString::default()),
            (Value::Pointer(v), Value::Pointer(n)) => put(v, index, n, grow, 0),
            _ => Status::ErrValue,
        }
    }

    /// `propGet*`: element `index` of a property of type `kind`.
    pub fn suite_get<T>(
        &self,
        name: &CStr,
        kind: Kind,
        index: i32,
        pick: impl FnOnce(&Value, usize) -> T,
    ) -> Result<T, Status> {
        let Ok(index) = usize::try_from(index) else {
            return Err(Status::ErrBadIndex);
        };
        let map = self.lock();
        let prop = map.get(name).ok_or(Status::ErrUnknown)?;
        if kind_of(&prop.value) != kind {
            return Err(Status::ErrValue);
        }
        if index >= prop.value.len() {
            return Err(Status::ErrBadIndex);
        }
        Ok(pick(&prop.value, index))
    }

    /// The raw pointer to string element `index` (valid until the property is next set).
    pub fn suite_get_string_ptr(&self, name: &CStr, index: i32) -> Result<*const c_char, Status> {
        self.suite_get(name, Kind::String, index, |v, i| match v {
            Value::String(s) => s[i].as_ptr(),
            _ => std::ptr::null(),
        })
    }

    /// `propGetDimension`.
    pub fn suite_dimension(&self, name: &CStr) -> Result<i32, Status> {
        let map = self.lock();
        let prop = map.get(name).ok_or(Status::ErrUnknown)?;
        Ok(i32::try_from(prop.value.len()).unwrap_or(i32::MAX))
    }

    /// `propReset`: back to the default value.
    pub fn suite_reset(&self, name: &CStr) -> Status {
        let mut map = self.lock();
        match map.get_mut(name) {
            Some(p) => {
                p.value = p.default.clone();
                Status::Ok
            }
            None => Status::ErrUnknown,
        }
    }
}

fn kind_of(v: &Value) -> Kind {
    match v {
        Value::Int(_) => Kind::Int,
        Value::Double(_) => Kind::Double,
        Value::String(_) => Kind::String,
        Value::Pointer(_) => Kind::Pointer,
    }
}

fn put<T: Clone>(v: &mut Vec<T>, index: usize, new: Vec<T>, grow: bool, fill: T) -> Status {
    if index + new.len() > v.len() {
        if !grow {
            return Status::ErrBadIndex;
        }
        v.resize(index + new.len(), fill);
    }
    for (i, x) in new.into_iter().enumerate() {
        v[index + i] = x;
    }
    Status::Ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_sets_reject_unknown_names_and_bad_indices() {
        let set = PropertySet::new("test", false);
        set.define(c"a", Value::Int(vec![1, 2]));
        assert_eq!(
            set.suite_set(c"b", Kind::Int, 0, Value::Int(vec![1])),
            Status::ErrUnknown
        );
        assert_eq!(
            set.suite_set(c"a", Kind::Int, 2, Value::Int(vec![1])),
            Status::ErrBadIndex
        );
        assert_eq!(
            set.suite_set(c"a", Kind::Double, 0, Value::Double(vec![1.0])),
            Status::ErrValue
        );
        assert_eq!(
            set.suite_set(c"a", Kind::Int, 1, Value::Int(vec![7])),
            Status::Ok
        );
        assert_eq!(set.ints(c"a"), Some(vec![1, 7]));
        assert_eq!(set.suite_reset(c"a"), Status::Ok);
        assert_eq!(set.ints(c"a"), Some(vec![1, 2]));
        assert_eq!(
            set.suite_get(c"a", Kind::Int, 5, |_, _| ()),
            Err(Status::ErrBadIndex)
        );
    }

    #[test]
    fn open_sets_grow() {
        let set = PropertySet::new("desc", true);
        assert_eq!(
            set.suite_set(c"s", Kind::String, 1, Value::strings(&["x"])),
            Status::Ok
        );
        assert_eq!(set.suite_dimension(c"s"), Ok(2));
        assert_eq!(set.strings(c"s"), Some(vec![String::new(), "x".into()]));
    }
}
