//! Parameters declared once, as a table of [`ParamSpec`]s: stable script
//! name, label, hint, default, range and display range, page and group.
//! The wrapper turns the table into host calls at DescribeInContext.

use std::collections::HashSet;
use std::ffi::CStr;

/// What kind of parameter, with its kind-specific settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParamKind {
    /// Animatable double.
    Double {
        /// Default value.
        default: f64,
        /// Hard range (min, max).
        range: (f64, f64),
        /// Slider range (min, max), inside `range`.
        display: (f64, f64),
        /// Digits shown after the decimal point.
        digits: i32,
    },
    /// Animatable integer.
    Int {
        /// Default value.
        default: i32,
        /// Hard range (min, max).
        range: (i32, i32),
        /// Slider range (min, max), inside `range`.
        display: (i32, i32),
    },
    /// Checkbox.
    Boolean {
        /// Default value.
        default: bool,
    },
    /// One of fixed options (fixed at describe: Nuke cannot change them).
    Choice {
        /// Index of the default option.
        default: usize,
        /// Option labels, in index order (never reorder: indices are saved).
        options: &'static [&'static str],
    },
    /// Text; hidden persistent strings hold saved state.
    String {
        /// Default value.
        default: &'static str,
        /// How hosts edit it (`kOfxParamPropStringMode`).
        mode: StringMode,
    },
    /// A button; pressing it sends InstanceChanged (user edited).
    PushButton,
    /// A collapsible group of parameters.
    Group {
        /// Open by default.
        open: bool,
    },
    /// A page (tab); its children are the params whose `page` names it.
    Page,
}

/// How a host presents and edits a string param (`kOfxParamPropStringMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringMode {
    /// One line of text (`kOfxParamStringIsSingleLine`).
    SingleLine,
    /// Several lines (`kOfxParamStringIsMultiLine`).
    MultiLine,
    /// A file path, with a file browser (`kOfxParamStringIsFilePath`).
    FilePath,
    /// A folder path, with a folder browser (`kOfxParamStringIsDirectoryPath`).
    DirectoryPath,
}

impl StringMode {
    /// The OpenFX string.
    pub const fn as_cstr(self) -> &'static CStr {
        match self {
            Self::SingleLine => ofx_sys::K_OFX_PARAM_STRING_IS_SINGLE_LINE,
            Self::MultiLine => ofx_sys::K_OFX_PARAM_STRING_IS_MULTI_LINE,
            Self::FilePath => ofx_sys::K_OFX_PARAM_STRING_IS_FILE_PATH,
            Self::DirectoryPath => ofx_sys::K_OFX_PARAM_STRING_IS_DIRECTORY_PATH,
        }
    }
}

/// One parameter of an effect.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// Unique name, also the script name. Never rename: hosts save by it.
    pub name: &'static CStr,
    /// User visible label.
    pub label: &'static str,
    /// Tooltip.
    pub hint: &'static str,
    /// Kind and kind-specific settings.
    pub kind: ParamKind,
    /// Page this param appears on (name of a [`ParamKind::Page`] spec).
    pub page: Option<&'static CStr>,
    /// Parent group (name of a [`ParamKind::Group`] spec).
    pub parent: Option<&'static CStr>,
    /// Can be keyframed.
    pub animates: bool,
    /// Hidden from the user (`kOfxParamPropSecret`).
    pub secret: bool,
    /// Saved with the project (`kOfxParamPropPersistant`).
    pub persistent: bool,
    /// A change re-renders (`kOfxParamPropEvaluateOnChange`).
    pub evaluate_on_change: bool,
}

impl ParamSpec {
    const fn base(
        name: &'static CStr,
        label: &'static str,
        kind: ParamKind,
        animates: bool,
    ) -> Self {
        Self {
            name,
            label,
            hint: "",
            kind,
            page: None,
            parent: None,
            animates,
            secret: false,
            persistent: true,
            evaluate_on_change: true,
        }
    }

    /// An animatable double.
    pub const fn double(
        name: &'static CStr,
        label: &'static str,
        default: f64,
        range: (f64, f64),
        display: (f64, f64),
    ) -> Self {
        Self::base(
            name,
            label,
            ParamKind::Double {
                default,
                range,
                display,
                digits: 2,
            },
            true,
        )
    }

    /// An animatable integer.
    pub const fn int(
        name: &'static CStr,
        label: &'static str,
        default: i32,
        range: (i32, i32),
        display: (i32, i32),
    ) -> Self {
        Self::base(
            name,
            label,
            ParamKind::Int {
                default,
                range,
                display,
            },
            true,
        )
    }

    /// A checkbox (not animated: Resolve would keyframe it otherwise).
    pub const fn boolean(name: &'static CStr, label: &'static str, default: bool) -> Self {
        Self::base(name, label, ParamKind::Boolean { default }, false)
    }

    /// A choice (not animated).
    pub const fn choice(
        name: &'static CStr,
        label: &'static str,
        default: usize,
        options: &'static [&'static str],
    ) -> Self {
        Self::base(name, label, ParamKind::Choice { default, options }, false)
    }

    /// A single-line string (not animated).
    pub const fn string(name: &'static CStr, label: &'static str, default: &'static str) -> Self {
        Self::base(
            name,
            label,
            ParamKind::String {
                default,
                mode: StringMode::SingleLine,
            },
            false,
        )
    }

    /// A hidden, persistent, non-animated string for saved state; changing
    /// it does not by itself force a re-render.
    pub const fn hidden_state(name: &'static CStr) -> Self {
        let mut spec = Self::string(name, "", "");
        spec.label = "State";
        spec.secret = true;
        spec.evaluate_on_change = false;
        spec
    }

    /// A push button.
    pub const fn button(name: &'static CStr, label: &'static str) -> Self {
        let mut spec = Self::base(name, label, ParamKind::PushButton, false);
        spec.persistent = false;
        spec.evaluate_on_change = false;
        spec
    }

    /// A group.
    pub const fn group(name: &'static CStr, label: &'static str, open: bool) -> Self {
        let mut spec = Self::base(name, label, ParamKind::Group { open }, false);
        spec.persistent = false;
        spec
    }

    /// A page.
    pub const fn page_param(name: &'static CStr, label: &'static str) -> Self {
        let mut spec = Self::base(name, label, ParamKind::Page, false);
        spec.persistent = false;
        spec
    }

    /// With a tooltip.
    pub const fn hint(mut self, hint: &'static str) -> Self {
        self.hint = hint;
        self
    }

    /// On page `page`.
    pub const fn on_page(mut self, page: &'static CStr) -> Self {
        self.page = Some(page);
        self
    }

    /// Inside group `group`.
    pub const fn in_group(mut self, group: &'static CStr) -> Self {
        self.parent = Some(group);
        self
    }

    /// A string param's editing mode (single line by default). Only for
    /// strings: on another kind it fails to compile in a `const` table.
    pub const fn string_mode(mut self, mode: StringMode) -> Self {
        match self.kind {
            ParamKind::String { default, .. } => {
                self.kind = ParamKind::String { default, mode };
                self
            }
            _ => panic!("string_mode on a param that is not a string"),
        }
    }

    /// Whether it can be keyframed.
    pub const fn animated(mut self, animates: bool) -> Self {
        self.animates = animates;
        self
    }

    /// The name as UTF-8 (names are ASCII by construction of the tables).
    pub fn name_str(&self) -> &'static str {
        self.name.to_str().unwrap_or("<non-utf8>")
    }
}

/// Checks a table: unique names, defaults within ranges, display ranges
/// within ranges, valid choices, pages and groups that exist. Returns every
/// problem found.
pub fn validate(specs: &[ParamSpec]) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    let mut names = HashSet::new();
    for s in specs {
        let n = s.name_str();
        if n.is_empty() || !n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            problems.push(format!("{n:?}: names must be non-empty ASCII [A-Za-z0-9_]"));
        }
        if !names.insert(s.name) {
            problems.push(format!("{n}: duplicate name"));
        }
        match s.kind {
            ParamKind::Double {
                default,
                range,
                display,
                ..
            } => {
                if !(range.0 <= range.1 && range.0.is_finite() && range.1.is_finite()) {
                    problems.push(format!("{n}: bad range {range:?}"));
                }
                if !(range.0..=range.1).contains(&default) {
                    problems.push(format!("{n}: default {default} outside range {range:?}"));
                }
                if !(range.0 <= display.0 && display.0 <= display.1 && display.1 <= range.1) {
                    problems.push(format!(
                        "{n}: display range {display:?} not within {range:?}"
                    ));
                }
            }
            ParamKind::Int {
                default,
                range,
                display,
            } => {
                if range.0 > range.1 {
                    problems.push(format!("{n}: bad range {range:?}"));
                }
                if !(range.0..=range.1).contains(&default) {
                    problems.push(format!("{n}: default {default} outside range {range:?}"));
                }
                if !(range.0 <= display.0 && display.0 <= display.1 && display.1 <= range.1) {
                    problems.push(format!(
                        "{n}: display range {display:?} not within {range:?}"
                    ));
                }
            }
            ParamKind::Choice { default, options } => {
                if options.is_empty() {
                    problems.push(format!("{n}: choice without options"));
                }
                if default >= options.len() {
                    problems.push(format!(
                        "{n}: default option {default} of {}",
                        options.len()
                    ));
                }
            }
            _ => {}
        }
        let is_kind = |name: &CStr, want_page: bool| {
            specs.iter().any(|o| {
                o.name == name
                    && if want_page {
                        o.kind == ParamKind::Page
                    } else {
                        matches!(o.kind, ParamKind::Group { .. })
                    }
            })
        };
        if let Some(p) = s.page {
            if !is_kind(p, true) {
                problems.push(format!("{n}: page {p:?} is not a page param"));
            }
        }
        if let Some(g) = s.parent {
            if !is_kind(g, false) {
                problems.push(format!("{n}: parent {g:?} is not a group param"));
            }
        }
        if s.kind == ParamKind::Page && (s.page.is_some() || s.parent.is_some()) {
            problems.push(format!("{n}: a page cannot be on a page or in a group"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &CStr = c"controls";

    #[test]
    fn a_good_table_validates() {
        let specs = [
            ParamSpec::page_param(PAGE, "Controls"),
            ParamSpec::group(c"look", "Look", true).on_page(PAGE),
            ParamSpec::double(c"gain", "Gain", 1.0, (0.0, 10.0), (0.0, 4.0)).in_group(c"look"),
            ParamSpec::int(c"n", "N", 3, (1, 9), (1, 9)).on_page(PAGE),
            ParamSpec::choice(c"mode", "Mode", 1, &["a", "b"]).on_page(PAGE),
            ParamSpec::hidden_state(c"state"),
            ParamSpec::button(c"go", "Go").on_page(PAGE),
        ];
        validate(&specs).unwrap();
        assert!(specs[5].secret && specs[5].persistent && !specs[5].animates);
    }

    #[test]
    fn bad_tables_list_every_problem() {
        let specs = [
            ParamSpec::double(c"gain", "Gain", 11.0, (0.0, 10.0), (-1.0, 4.0)),
            ParamSpec::int(c"gain", "Again", 0, (1, 9), (1, 10)),
            ParamSpec::choice(c"mode", "Mode", 2, &["a", "b"]).on_page(c"nowhere"),
            ParamSpec::boolean(c"bad name", "B", false).in_group(c"gain"),
        ];
        let problems = validate(&specs).unwrap_err();
        let text = problems.join("\n");
        for needle in [
            "gain: default 11 outside",
            "gain: display range (-1.0, 4.0)",
            "gain: duplicate name",
            "gain: default 0 outside",
            "gain: display range (1, 10)",
            "mode: default option 2 of 2",
            "mode: page",
            "\"bad name\": names must",
            "bad name: parent",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
        }
    }
}
