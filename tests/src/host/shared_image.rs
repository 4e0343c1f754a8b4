//! An image whose pixels the plugin writes through a raw pointer while the host
//! keeps a handle to read them back after the action returns.

use super::images::OwnedImage;
use std::cell::UnsafeCell;
use std::fmt;

/// An [`OwnedImage`] shared between the host and the plugin's raw pointer.
pub struct SharedImage {
    image: UnsafeCell<OwnedImage>,
    data: usize,
}

// SAFETY: the host only reads the pixels after the action that wrote them has
// returned (plugin threads are joined by then); the metadata is immutable.
unsafe impl Sync for SharedImage {}
// SAFETY: as above; the buffer is plain bytes.
unsafe impl Send for SharedImage {}

impl fmt::Debug for SharedImage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedImage")
            .field("data", &self.data)
            .finish()
    }
}

impl SharedImage {
    /// Takes ownership of `image`; its data pointer is fixed from now on.
    pub fn new(mut image: OwnedImage) -> SharedImage {
        let data = image.data_ptr() as usize;
        SharedImage {
            image: UnsafeCell::new(image),
            data,
        }
    }

    /// `kOfxImagePropData`.
    pub fn data_ptr(&self) -> usize {
        self.data
    }

    /// The image (depth, components, bounds, row bytes, pixels).
    ///
    /// Reading pixels while a plugin thread still writes them is a data race on
    /// plain bytes: call this after the writing action returned.
    pub fn image(&self) -> &OwnedImage {
        // SAFETY: the host never forms a `&mut` to the image after construction;
        // the plugin writes only through the raw data pointer (see the type's docs).
        unsafe { &*self.image.get() }
    }

    /// A copy of the image as it is now.
    pub fn snapshot(&self) -> OwnedImage {
        self.image().clone()
    }
}
