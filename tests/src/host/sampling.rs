//! How the host turns a frame source into the pixels of a clip image: region of
//! definition (with the profile's origin offset), render scale (nearest sample),
//! bounds and row layout. Tests use the same functions to build the reference a
//! passthrough render must equal.

use super::error::HostError;
use super::frames::FrameSource;
use super::images::{Components, Depth, OwnedImage, RectI, RowLayout};

/// The source clip's region of definition in canonical coordinates
/// (x1, y1, x2, y2): the frame placed at `origin`.
pub fn canonical_rod(source: &dyn FrameSource, origin: (i32, i32)) -> [f64; 4] {
    let (w, h) = source.size();
    let (ox, oy) = (f64::from(origin.0), f64::from(origin.1));
    [ox, oy, ox + w as f64, oy + h as f64]
}

/// Canonical rectangle to pixel rectangle at `scale` (outward rounding).
pub fn to_pixels(r: [f64; 4], scale: f64) -> RectI {
    RectI::new(
        (r[0] * scale).floor() as i32,
        (r[1] * scale).floor() as i32,
        (r[2] * scale).ceil() as i32,
        (r[3] * scale).ceil() as i32,
    )
}

/// Pixel rectangle to canonical at `scale`.
pub fn to_canonical(r: RectI, scale: f64) -> [f64; 4] {
    [
        f64::from(r.x1) / scale,
        f64::from(r.y1) / scale,
        f64::from(r.x2) / scale,
        f64::from(r.y2) / scale,
    ]
}

/// The source clip's region of definition in pixels at `scale`.
pub fn pixel_rod(source: &dyn FrameSource, origin: (i32, i32), scale: f64) -> RectI {
    to_pixels(canonical_rod(source, origin), scale)
}

/// The source's pixels in `bounds` (clipped to the RoD) at `scale` for frame
/// `frame`: pixel (X, Y) is frame pixel ((X - x1) / scale, (Y - y1) / scale),
/// rounded down, where (x1, y1) is the RoD's corner.
#[allow(clippy::too_many_arguments)]
pub fn source_pixels(
    source: &dyn FrameSource,
    origin: (i32, i32),
    frame: usize,
    scale: f64,
    depth: Depth,
    components: Components,
    bounds: RectI,
    layout: RowLayout,
) -> Result<OwnedImage, HostError> {
    let rod = pixel_rod(source, origin, scale);
    let b = bounds.intersect(&rod);
    let mut out = OwnedImage::new(depth, components, b, layout);
    if b.is_empty() {
        return Ok(out);
    }
    let (w, h) = source.size();
    let fx = |x: i32| ((f64::from(x - rod.x1) / scale).floor() as usize).min(w - 1);
    let fy = |y: i32| ((f64::from(y - rod.y1) / scale).floor() as usize).min(h - 1);
    // Only the frame pixels these bounds sample.
    let need = RectI::new(
        fx(b.x1) as i32,
        fy(b.y1) as i32,
        fx(b.x2 - 1) as i32 + 1,
        fy(b.y2 - 1) as i32 + 1,
    );
    let full = source.frame(frame, depth, components, need)?;
    for y in b.y1..b.y2 {
        let fy = fy(y);
        for x in b.x1..b.x2 {
            let fx = fx(x);
            let src = full
                .pixel(fx as i32, fy as i32)
                .ok_or_else(|| HostError::Missing(format!("frame pixel ({fx}, {fy})")))?;
            if let Some(dst) = out.pixel_mut(x, y) {
                dst.copy_from_slice(src);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::frames::Synthetic;

    #[test]
    fn half_scale_samples_every_other_pixel_from_the_offset_origin() {
        let s = Synthetic::new(10, 6, 1);
        assert_eq!(pixel_rod(&s, (-4, 2), 0.5), RectI::new(-2, 1, 3, 4));
        let img = source_pixels(
            &s,
            (-4, 2),
            0,
            0.5,
            Depth::Short,
            Components::Rgba,
            RectI::new(-100, -100, 100, 100),
            RowLayout::default(),
        )
        .unwrap();
        assert_eq!(img.bounds, RectI::new(-2, 1, 3, 4));
        let full = s.full_frame(0, Depth::Short, Components::Rgba).unwrap();
        assert_eq!(img.pixel(0, 2), full.pixel(4, 2));
    }
}
