//! Changes the host tells an instance about: user edits of params, push
//! buttons (InstanceChanged with `kOfxChangeUserEdited`) and the plugin's own
//! edits (`kOfxChangePluginEdited`), each wrapped in Begin/EndInstanceChanged.

use super::actions::Call;
use super::context::ActionContext;
use super::error::HostError;
use super::instance::Instance;
use super::keyframes::ParamValue;
use super::properties::{PropertySet, Value};
use super::records::lock;
use super::status::Status;
use ofx_sys as ofx;
use std::ffi::CStr;
use std::sync::atomic::Ordering;

impl Instance {
    /// Sends Begin/InstanceChanged/End for a change of `name` (a param or clip).
    pub fn instance_changed(
        &self,
        kind: &CStr,
        name: &str,
        reason: &CStr,
        time: f64,
    ) -> Result<Status, HostError> {
        self.optional_actions("InstanceChanged")?;
        let h = self.node.handle();
        let begin = PropertySet::new("BeginInstanceChanged inArgs", false);
        begin.define(
            ofx::K_OFX_PROP_CHANGE_REASON,
            Value::String(vec![reason.to_owned()]),
        );
        let args = PropertySet::new("InstanceChanged inArgs", false);
        args.define(ofx::K_OFX_PROP_TYPE, Value::String(vec![kind.to_owned()]));
        args.define(ofx::K_OFX_PROP_NAME, Value::strings(&[name]));
        args.define(
            ofx::K_OFX_PROP_CHANGE_REASON,
            Value::String(vec![reason.to_owned()]),
        );
        args.define(ofx::K_OFX_PROP_TIME, Value::Double(vec![time]));
        args.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_SCALE,
            Value::Double(vec![1.0, 1.0]),
        );
        let ctx = |a: &'static str| {
            let mut c = ActionContext::new(a, h as usize);
            c.time = Some(time);
            c
        };
        self.send(
            Call::new(ofx::K_OFX_ACTION_BEGIN_INSTANCE_CHANGED, h, self.serial()).input(&begin),
        );
        let st = self.send(
            Call::new(ofx::K_OFX_ACTION_INSTANCE_CHANGED, h, self.serial())
                .input(&args)
                .context(ctx("OfxActionInstanceChanged")),
        );
        self.send(
            Call::new(ofx::K_OFX_ACTION_END_INSTANCE_CHANGED, h, self.serial()).input(&begin),
        );
        Ok(st)
    }

    /// Tells the plugin about params it changed itself (`kOfxChangePluginEdited`), as hosts do,
    /// for at most a few rounds.
    fn deliver_plugin_edits(&self, time: f64) {
        for _ in 0..3 {
            let edited: Vec<String> = self
                .node
                .params
                .all()
                .iter()
                .filter(|p| p.plugin_edited.swap(false, Ordering::Relaxed))
                .map(|p| p.name.to_string_lossy().into_owned())
                .collect();
            if edited.is_empty() {
                return;
            }
            for name in edited {
                let _ = self.instance_changed(
                    ofx::K_OFX_TYPE_PARAMETER,
                    &name,
                    ofx::K_OFX_CHANGE_PLUGIN_EDITED,
                    time,
                );
            }
        }
    }

    /// The user presses push button `name` at time `time`: InstanceChanged with
    /// `kOfxChangeUserEdited`; returns the plugin's reply.
    pub fn press_button_at(&self, name: &str, time: f64) -> Result<Status, HostError> {
        let p = self
            .node
            .params
            .get(name)
            .ok_or_else(|| HostError::Missing(format!("no param {name}")))?;
        if p.ptype.as_c_str() != ofx::K_OFX_PARAM_TYPE_PUSH_BUTTON {
            return Err(HostError::Missing(format!("{name} is not a push button")));
        }
        if !self.plugin.host.profile().push_buttons {
            return Err(HostError::NotOffered {
                profile: self.plugin.host.profile().name.into(),
                what: "push buttons".into(),
            });
        }
        self.plugin.host.set_time(time);
        let st = self.instance_changed(
            ofx::K_OFX_TYPE_PARAMETER,
            name,
            ofx::K_OFX_CHANGE_USER_EDITED,
            time,
        )?;
        self.deliver_plugin_edits(time);
        Ok(st)
    }

    /// [`Instance::press_button_at`] at the timeline's current time.
    pub fn press_button(&self, name: &str) -> Result<Status, HostError> {
        let t = self.plugin.host.shared().time();
        self.press_button_at(name, t)
    }

    /// The user sets param `name` (keyed at `time` when `keyed`), then the host sends InstanceChanged
    /// if the profile does.
    pub fn set_param(
        &self,
        name: &str,
        value: ParamValue,
        keyed: Option<f64>,
    ) -> Result<Option<Status>, HostError> {
        let p = self
            .node
            .params
            .get(name)
            .ok_or_else(|| HostError::Missing(format!("no param {name}")))?;
        {
            let mut c = lock(&p.curve);
            match keyed {
                Some(t) => c.set_key(t, value),
                None => c.value = value,
            }
        }
        if !self.plugin.host.profile().sends_optional_actions {
            return Ok(None);
        }
        let t = keyed.unwrap_or_else(|| self.plugin.host.shared().time());
        let st = self.instance_changed(
            ofx::K_OFX_TYPE_PARAMETER,
            name,
            ofx::K_OFX_CHANGE_USER_EDITED,
            t,
        )?;
        self.deliver_plugin_edits(t);
        Ok(Some(st))
    }
}
