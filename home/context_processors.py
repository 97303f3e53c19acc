from home.accessibility import IMAGES, SCHEMES, SIZES, prefs_from_request


def accessibility(request):
    """Expose the visitor's display mode to every template."""
    return {
        "vision": prefs_from_request(request),
        "vision_sizes": SIZES,
        "vision_schemes": SCHEMES,
        "vision_images": IMAGES,
    }
