//! The installation's settings (thiết lập) as one typed struct: the agency profile,
//! the default signer, the tolerance of the check against the parent, the shared
//! folder and the format profile. The UI reads and writes this struct whole; the
//! store keeps it and refuses a value that breaks a rule, with a diagnostic on its
//! field, so that nothing invalid is ever saved and later read back differently.

use crate::diag::Diagnostic;
use crate::layout::Profile;
use crate::model::{tier, Agency, Authority};
use serde::{Deserialize, Serialize};

/// The unit the installation drafts for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AgencySettings {
    /// `Ủy ban nhân dân xã Tân An`.
    pub name: String,
    /// The supervising agency as printed above it (`UBND THÀNH PHỐ HẢI PHÒNG`).
    pub supervising: String,
    /// The tier word (cấp): xã, phường, đặc khu ….
    pub tier: String,
    /// The place name before the date (địa danh); empty: from the name.
    pub place: String,
}

/// The default signer of new plans (người ký).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SignerSettings {
    /// `PHÓ CHỦ TỊCH`.
    pub position: String,
    pub name: String,
    /// Signing for someone else (thẩm quyền ký: KT., Q., TL., TUQ.); `None` with a
    /// deputy's position means «KT.», as the decree has a deputy sign.
    pub authority: Option<Authority>,
    /// Whose position the authority refers to: `CHỦ TỊCH` in `KT. CHỦ TỊCH`;
    /// empty: the head of a deputy's position.
    pub authority_of: String,
}

impl SignerSettings {
    /// The authority and whose position it refers to, as new plans get them: a
    /// deputy signs «KT.» for the head unless another authority is set.
    pub fn authority(&self) -> (Option<Authority>, String) {
        let head = Authority::head_of_deputy(&self.position);
        let authority = self.authority.or(head.as_ref().map(|_| Authority::Kt));
        let of = match self.authority_of.trim() {
            "" if authority.is_some() => head.unwrap_or_default(),
            of => of.to_owned(),
        };
        (authority, of)
    }
}

/// Every setting of the installation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub agency: AgencySettings,
    pub signer: SignerSettings,
    /// How far an `≈` target may stray from its parent's value, in the target's
    /// unit (percentage points for percentages).
    pub check_tolerance: f64,
    /// The shared folder (thư mục dùng chung) holding templates and parent plans;
    /// empty when none is chosen.
    pub shared_folder: String,
    /// Sizes and margins within the decree's ranges.
    pub profile: Profile,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            agency: AgencySettings::default(),
            signer: SignerSettings::default(),
            check_tolerance: 1.0,
            shared_folder: String::new(),
            profile: Profile::default(),
        }
    }
}

/// The largest tolerance that still checks something.
pub const MAX_TOLERANCE: f64 = 50.0;

impl Settings {
    /// What the agency profile still lacks to make a plan for the unit: the names
    /// of the missing fields (tên cơ quan, cấp, địa danh).
    pub fn profile_missing(&self) -> Vec<&'static str> {
        self.missing_fields()
            .into_iter()
            .map(|(_, name)| name)
            .collect()
    }

    /// The agency profile's missing fields as errors on their fields: the first
    /// start saves a profile only when it has what every plan needs.
    pub fn profile_problems(&self) -> Vec<Diagnostic> {
        self.missing_fields()
            .into_iter()
            .map(|(field, name)| {
                Diagnostic::error("setting_missing", format!("chưa nhập {name} của đơn vị"))
                    .on_field(field)
            })
            .collect()
    }

    /// The profile's missing fields: where each is, and its name.
    fn missing_fields(&self) -> Vec<(&'static str, &'static str)> {
        [
            (
                "agency.name",
                "tên cơ quan",
                self.agency.name.trim().is_empty(),
            ),
            (
                "agency.tier",
                "cấp",
                tier::level(self.agency.tier.trim()).is_none(),
            ),
            ("agency.place", "địa danh", self.place().trim().is_empty()),
        ]
        .into_iter()
        .filter(|(_, _, missing)| *missing)
        .map(|(field, name, _)| (field, name))
        .collect()
    }

    /// What breaks a rule, each on its field; empty when the settings may be saved.
    pub fn problems(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let tier = self.agency.tier.trim();
        if !tier.is_empty() && tier::level(tier).is_none() {
            out.push(
                Diagnostic::error("invalid_setting", tier::not_a_tier(tier))
                    .on_field("agency.tier"),
            );
        }
        if !self.agency.name.trim().is_empty() && tier.is_empty() {
            out.push(
                Diagnostic::warning(
                    "setting_missing",
                    "chưa chọn cấp của đơn vị: cần để lập kế hoạch từ kế hoạch cấp trên",
                )
                .on_field("agency.tier"),
            );
        }
        if !(self.check_tolerance.is_finite()
            && (0.0..=MAX_TOLERANCE).contains(&self.check_tolerance))
        {
            out.push(
                Diagnostic::error(
                    "invalid_setting",
                    format!(
                        "sai lệch cho phép phải là một số từ 0 đến {MAX_TOLERANCE}, nhận được {}",
                        self.check_tolerance
                    ),
                )
                .on_field("check_tolerance"),
            );
        }
        let folder = self.shared_folder.trim();
        if !folder.is_empty() && !std::path::Path::new(folder).is_dir() {
            out.push(
                Diagnostic::error(
                    "invalid_setting",
                    format!("thư mục dùng chung «{folder}» không tồn tại hoặc không mở được"),
                )
                .on_field("shared_folder")
                .hint("kiểm tra ổ mạng đã được kết nối, rồi chọn lại thư mục"),
            );
        }
        let misused = self
            .signer
            .authority
            .filter(|_| !self.signer.position.trim().is_empty())
            .and_then(|a| a.misused_by(&self.signer.position));
        if let Some(why) = misused {
            out.push(Diagnostic::error("invalid_setting", why).on_field("signer.authority"));
        }
        for p in self.profile.problems() {
            let field = format!("profile.{}", p.field);
            out.push(p.on_field(field));
        }
        out
    }

    /// The agency profile as the model has it.
    pub fn agency(&self) -> Agency {
        Agency {
            name: self.agency.name.trim().to_owned(),
            supervising: self.agency.supervising.trim().to_owned(),
            tier: self.agency.tier.trim().to_owned(),
        }
    }

    /// The place name printed before the date: as set, or from the agency's name.
    pub fn place(&self) -> String {
        match self.agency.place.trim() {
            "" => tier::place_of(&self.agency.name, &self.agency.tier),
            p => p.to_owned(),
        }
    }

    /// What fills a template for this installation, for a plan of `year`.
    pub fn fill(&self, year: i32) -> crate::template::Fill<'static> {
        crate::template::Fill {
            agency: self.agency(),
            place: self.place(),
            year,
            signer_position: self.signer.position.trim().to_owned(),
            signer_name: self.signer.name.trim().to_owned(),
            signer_authority: self.signer.authority(),
            ..Default::default()
        }
    }

    /// The options of the check against the parent.
    pub fn check_options(&self) -> crate::inherit::CheckOptions {
        crate::inherit::CheckOptions {
            approx_tolerance: self.check_tolerance,
        }
    }

    /// Every string in NFC (settings are a boundary too).
    pub fn normalised(mut self) -> Settings {
        for s in [
            &mut self.agency.name,
            &mut self.agency.supervising,
            &mut self.agency.tier,
            &mut self.agency.place,
            &mut self.signer.position,
            &mut self.signer.name,
            &mut self.signer.authority_of,
            &mut self.shared_folder,
        ] {
            *s = crate::text::nfc(s.trim());
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_that_breaks_a_rule_is_named_on_its_field() {
        let mut s = Settings::default();
        assert!(s.problems().is_empty());
        s.agency.tier = "làng".into();
        s.check_tolerance = f64::NAN;
        s.profile.margin_left_mm = 10.0;
        s.shared_folder = "/khong/co/thu/muc".into();
        let fields: Vec<String> = s.problems().into_iter().map(|d| d.field).collect();
        assert_eq!(
            fields,
            [
                "agency.tier",
                "check_tolerance",
                "shared_folder",
                "profile.margin_left_mm"
            ]
        );
    }

    #[test]
    fn a_deputy_signs_for_the_head_unless_told_otherwise() {
        let mut s = SignerSettings {
            position: "PHÓ CHỦ TỊCH".into(),
            ..Default::default()
        };
        assert_eq!(s.authority(), (Some(Authority::Kt), "CHỦ TỊCH".into()));
        s.position = "Phó Chủ tịch Thường trực".into();
        assert_eq!(s.authority().1, "Chủ tịch Thường trực");
        s.position = "CHỦ TỊCH".into();
        assert_eq!(s.authority(), (None, String::new()));
        s.authority = Some(Authority::Tl);
        s.authority_of = "CHỦ TỊCH".into();
        s.position = "CHÁNH VĂN PHÒNG".into();
        assert_eq!(s.authority(), (Some(Authority::Tl), "CHỦ TỊCH".into()));
        // KT. set by hand on a head's position is refused beside its field.
        let settings = Settings {
            signer: SignerSettings {
                position: "CHỦ TỊCH".into(),
                authority: Some(Authority::Kt),
                ..Default::default()
            },
            ..Default::default()
        };
        let fields: Vec<String> = settings.problems().into_iter().map(|d| d.field).collect();
        assert_eq!(fields, ["signer.authority"]);
    }

    #[test]
    fn the_place_comes_from_the_name_when_not_set() {
        let mut s = Settings::default();
        s.agency.name = "Ủy ban nhân dân xã Tân An".into();
        s.agency.tier = "xã".into();
        assert_eq!(s.place(), "Tân An");
        s.agency.place = "Tân An, Hải Phòng".into();
        assert_eq!(s.place(), "Tân An, Hải Phòng");
    }
}
