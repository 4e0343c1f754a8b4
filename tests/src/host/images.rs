//! Images as the host hands them to the plugin: pixel depth, components,
//! bounds (pixel coordinates, may start anywhere), and row layout (rowBytes
//! may be padded or negative).

use half::f16;
use std::fmt;

/// An OpenFX pixel depth (`kOfxBitDepth*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Depth {
    /// `kOfxBitDepthByte`: u8, 0..=255.
    Byte,
    /// `kOfxBitDepthShort`: u16, 0..=65535.
    Short,
    /// `kOfxBitDepthHalf`: IEEE half float, nominally 0..=1.
    Half,
    /// `kOfxBitDepthFloat`: f32, nominally 0..=1.
    Float,
}

impl Depth {
    /// All four depths.
    pub const ALL: [Depth; 4] = [Depth::Byte, Depth::Short, Depth::Half, Depth::Float];

    /// Bytes per channel.
    pub fn bytes(self) -> usize {
        match self {
            Depth::Byte => 1,
            Depth::Short | Depth::Half => 2,
            Depth::Float => 4,
        }
    }

    /// The OpenFX property string.
    pub fn ofx_name(self) -> &'static str {
        match self {
            Depth::Byte => "OfxBitDepthByte",
            Depth::Short => "OfxBitDepthShort",
            Depth::Half => "OfxBitDepthHalf",
            Depth::Float => "OfxBitDepthFloat",
        }
    }

    /// From the OpenFX property string.
    pub fn from_ofx(s: &str) -> Option<Depth> {
        Depth::ALL.into_iter().find(|d| d.ofx_name() == s)
    }

    /// Encodes a 16-bit code value (0..=65535 = 0..=1) at this depth.
    /// Byte keeps the high 8 bits; Half and Float hold `v / 65535`.
    pub fn encode_u16(self, v: u16, out: &mut [u8]) {
        match self {
            Depth::Byte => out[0] = (v >> 8) as u8,
            Depth::Short => out.copy_from_slice(&v.to_ne_bytes()),
            Depth::Half => {
                out.copy_from_slice(&f16::from_f32(f32::from(v) / 65535.0).to_ne_bytes())
            }
            Depth::Float => out.copy_from_slice(&(f32::from(v) / 65535.0).to_ne_bytes()),
        }
    }

    /// Encodes a float (nominally 0..=1) at this depth (integers are rounded and clamped).
    pub fn encode_f32(self, v: f32, out: &mut [u8]) {
        match self {
            Depth::Byte => out[0] = (v * 255.0).round().clamp(0.0, 255.0) as u8,
            Depth::Short => out
                .copy_from_slice(&((v * 65535.0).round().clamp(0.0, 65535.0) as u16).to_ne_bytes()),
            Depth::Half => out.copy_from_slice(&f16::from_f32(v).to_ne_bytes()),
            Depth::Float => out.copy_from_slice(&v.to_ne_bytes()),
        }
    }

    /// Decodes one channel to a float (integers scaled to 0..=1).
    pub fn decode_f32(self, b: &[u8]) -> f32 {
        match self {
            Depth::Byte => f32::from(b[0]) / 255.0,
            Depth::Short => f32::from(u16::from_ne_bytes([b[0], b[1]])) / 65535.0,
            Depth::Half => f16::from_ne_bytes([b[0], b[1]]).to_f32(),
            Depth::Float => f32::from_ne_bytes([b[0], b[1], b[2], b[3]]),
        }
    }
}

/// OpenFX pixel components (`kOfxImageComponent*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Components {
    /// `kOfxImageComponentRGBA`.
    Rgba,
    /// `kOfxImageComponentRGB`.
    Rgb,
    /// `kOfxImageComponentAlpha`.
    Alpha,
}

impl Components {
    /// All three.
    pub const ALL: [Components; 3] = [Components::Rgba, Components::Rgb, Components::Alpha];

    /// Channels per pixel.
    pub fn channels(self) -> usize {
        match self {
            Components::Rgba => 4,
            Components::Rgb => 3,
            Components::Alpha => 1,
        }
    }

    /// The OpenFX property string.
    pub fn ofx_name(self) -> &'static str {
        match self {
            Components::Rgba => "OfxImageComponentRGBA",
            Components::Rgb => "OfxImageComponentRGB",
            Components::Alpha => "OfxImageComponentAlpha",
        }
    }

    /// From the OpenFX property string.
    pub fn from_ofx(s: &str) -> Option<Components> {
        Components::ALL.into_iter().find(|c| c.ofx_name() == s)
    }
}

/// A pixel rectangle `[x1, x2) x [y1, y2)` (OpenFX `OfxRectI`; y up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RectI {
    /// Left (inclusive).
    pub x1: i32,
    /// Bottom (inclusive).
    pub y1: i32,
    /// Right (exclusive).
    pub x2: i32,
    /// Top (exclusive).
    pub y2: i32,
}

impl RectI {
    /// A rectangle from its corners.
    pub const fn new(x1: i32, y1: i32, x2: i32, y2: i32) -> RectI {
        RectI { x1, y1, x2, y2 }
    }

    /// Width in pixels (0 when empty).
    pub fn width(&self) -> usize {
        (self.x2 - self.x1).max(0) as usize
    }

    /// Height in pixels (0 when empty).
    pub fn height(&self) -> usize {
        (self.y2 - self.y1).max(0) as usize
    }

    /// True when it holds no pixel.
    pub fn is_empty(&self) -> bool {
        self.width() == 0 || self.height() == 0
    }

    /// The overlap of two rectangles (possibly empty).
    pub fn intersect(&self, o: &RectI) -> RectI {
        RectI::new(
            self.x1.max(o.x1),
            self.y1.max(o.y1),
            self.x2.min(o.x2),
            self.y2.min(o.y2),
        )
    }

    /// True when `o` lies inside this rectangle.
    pub fn contains(&self, o: &RectI) -> bool {
        o.x1 >= self.x1 && o.y1 >= self.y1 && o.x2 <= self.x2 && o.y2 <= self.y2
    }

    /// As OpenFX's four ints.
    pub fn to_array(self) -> [i32; 4] {
        [self.x1, self.y1, self.x2, self.y2]
    }
}

impl fmt::Display for RectI {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})-({}, {})", self.x1, self.y1, self.x2, self.y2)
    }
}

/// How rows are laid out in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowLayout {
    /// Extra bytes at the end of every row.
    pub padding: usize,
    /// Rows stored top-down, so `rowBytes` is negative and the data pointer is the
    /// bottom row, the last one in memory (as MLT does).
    pub negative: bool,
}

/// An image owned by the host: what `clipGetImage` hands out and what a render writes.
#[derive(Clone, PartialEq)]
pub struct OwnedImage {
    /// Pixel depth.
    pub depth: Depth,
    /// Pixel components.
    pub components: Components,
    /// Pixel bounds (`kOfxImagePropBounds`).
    pub bounds: RectI,
    layout: RowLayout,
    stride: usize,
    buf: Vec<u64>,
}

impl fmt::Debug for OwnedImage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnedImage")
            .field("depth", &self.depth)
            .field("components", &self.components)
            .field("bounds", &self.bounds)
            .field("row_bytes", &self.row_bytes())
            .finish()
    }
}

impl OwnedImage {
    /// A zeroed image.
    pub fn new(
        depth: Depth,
        components: Components,
        bounds: RectI,
        layout: RowLayout,
    ) -> OwnedImage {
        let stride = bounds.width() * depth.bytes() * components.channels() + layout.padding;
        let bytes = stride * bounds.height();
        OwnedImage {
            depth,
            components,
            bounds,
            layout,
            stride,
            buf: vec![0u64; bytes.div_ceil(8)],
        }
    }

    /// Bytes per pixel.
    pub fn pixel_bytes(&self) -> usize {
        self.depth.bytes() * self.components.channels()
    }

    /// `kOfxImagePropRowBytes`: signed distance from one row (y) to the next (y + 1).
    pub fn row_bytes(&self) -> isize {
        if self.layout.negative {
            -(self.stride as isize)
        } else {
            self.stride as isize
        }
    }

    fn bytes(&self) -> &[u8] {
        let len = self.stride * self.bounds.height();
        // SAFETY: a u64 buffer of at least `len` bytes viewed as u8 (alignment 1, no padding).
        unsafe { std::slice::from_raw_parts(self.buf.as_ptr().cast::<u8>(), len) }
    }

    fn bytes_mut(&mut self) -> &mut [u8] {
        let len = self.stride * self.bounds.height();
        // SAFETY: as in `bytes`, exclusively borrowed.
        unsafe { std::slice::from_raw_parts_mut(self.buf.as_mut_ptr().cast::<u8>(), len) }
    }

    /// Byte offset in the buffer of the first pixel of row `y`.
    fn row_offset(&self, y: i32) -> usize {
        let r = (y - self.bounds.y1) as usize;
        if self.layout.negative {
            (self.bounds.height() - 1 - r) * self.stride
        } else {
            r * self.stride
        }
    }

    /// `kOfxImagePropData`: the address of pixel (x1, y1).
    pub fn data_ptr(&mut self) -> *mut u8 {
        if self.bounds.is_empty() {
            return self.buf.as_mut_ptr().cast();
        }
        let off = self.row_offset(self.bounds.y1);
        self.bytes_mut()[off..].as_mut_ptr()
    }

    /// The bytes of pixel (x, y); `None` outside the bounds.
    pub fn pixel(&self, x: i32, y: i32) -> Option<&[u8]> {
        if x < self.bounds.x1 || x >= self.bounds.x2 || y < self.bounds.y1 || y >= self.bounds.y2 {
            return None;
        }
        let pb = self.pixel_bytes();
        let off = self.row_offset(y) + (x - self.bounds.x1) as usize * pb;
        Some(&self.bytes()[off..off + pb])
    }

    /// Mutable bytes of pixel (x, y).
    pub fn pixel_mut(&mut self, x: i32, y: i32) -> Option<&mut [u8]> {
        if x < self.bounds.x1 || x >= self.bounds.x2 || y < self.bounds.y1 || y >= self.bounds.y2 {
            return None;
        }
        let pb = self.pixel_bytes();
        let off = self.row_offset(y) + (x - self.bounds.x1) as usize * pb;
        Some(&mut self.bytes_mut()[off..off + pb])
    }

    /// Channel values of pixel (x, y) as floats (integers scaled to 0..=1).
    pub fn pixel_f32(&self, x: i32, y: i32) -> Option<Vec<f32>> {
        let p = self.pixel(x, y)?;
        let b = self.depth.bytes();
        Some(p.chunks(b).map(|c| self.depth.decode_f32(c)).collect())
    }

    /// Writes the image as an 8-bit RGB PNG for people to look at: top row
    /// first, values clamped to 0..=1, one-channel (Alpha) images as grey.
    pub fn save_png(&self, path: &std::path::Path) -> Result<(), image::ImageError> {
        let b = self.bounds;
        let (w, h) = (b.width(), b.height());
        let mut rgb = Vec::with_capacity(w * h * 3);
        for y in (b.y1..b.y2).rev() {
            for x in b.x1..b.x2 {
                let p = self.pixel_f32(x, y).unwrap_or_default();
                for c in 0..3 {
                    let v = p.get(c).or(p.first()).copied().unwrap_or(0.0);
                    rgb.push((v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8);
                }
            }
        }
        image::save_buffer(path, &rgb, w as u32, h as u32, image::ColorType::Rgb8)
    }

    /// A copy of `window` (clipped to the bounds) with a plain bottom-up layout.
    pub fn crop(&self, window: RectI) -> OwnedImage {
        let w = self.bounds.intersect(&window);
        let mut out = OwnedImage::new(self.depth, self.components, w, RowLayout::default());
        for y in w.y1..w.y2 {
            for x in w.x1..w.x2 {
                if let (Some(src), Some(dst)) = (self.pixel(x, y), out.pixel_mut(x, y)) {
                    dst.copy_from_slice(src);
                }
            }
        }
        out
    }

    /// The first pixel inside `window` whose bytes differ from `other`'s, with both values,
    /// or `None` when `window` is pixel-identical in both (pixels outside either image differ).
    pub fn first_difference(
        &self,
        other: &OwnedImage,
        window: RectI,
    ) -> Option<(i32, i32, Vec<f32>, Vec<f32>)> {
        if self.depth != other.depth || self.components != other.components {
            return Some((window.x1, window.y1, Vec::new(), Vec::new()));
        }
        for y in window.y1..window.y2 {
            for x in window.x1..window.x2 {
                if self.pixel(x, y).is_none() || self.pixel(x, y) != other.pixel(x, y) {
                    let a = self.pixel_f32(x, y).unwrap_or_default();
                    let b = other.pixel_f32(x, y).unwrap_or_default();
                    return Some((x, y, a, b));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_row_bytes_put_the_data_pointer_on_the_last_row_in_memory() {
        let b = RectI::new(10, 20, 13, 22);
        let mut img = OwnedImage::new(
            Depth::Float,
            Components::Rgba,
            b,
            RowLayout {
                padding: 0,
                negative: true,
            },
        );
        assert_eq!(img.row_bytes(), -48);
        img.pixel_mut(10, 20).unwrap().copy_from_slice(&[1u8; 16]);
        let base = img.buf.as_ptr() as usize;
        assert_eq!(img.data_ptr() as usize, base + 48);
        // SAFETY: data_ptr is pixel (10, 20), 16 bytes of it are inside the buffer.
        let first = unsafe { std::slice::from_raw_parts(img.data_ptr(), 16) };
        assert_eq!(first, &[1u8; 16]);
    }

    #[test]
    fn depths_round_trip() {
        let mut b = [0u8; 4];
        for d in Depth::ALL {
            d.encode_u16(65535, &mut b[..d.bytes()]);
            assert_eq!(d.decode_f32(&b[..d.bytes()]), 1.0, "{d:?}");
        }
    }
}
