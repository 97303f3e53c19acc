from home.accessibility import IMAGES, SCHEMES, SIZES, prefs_from_request
from home.pagecache import fragments


def accessibility(request):
    """Expose the visitor's display mode to every template.

    Also hands the site's settings kept per process (home.pagecache.fragments)
    to ``{{ settings.home.DepartmentSettings }}``, so that the header, the
    footer and the pages read them without a query.
    """
    fragments.prime_request(request)
    return {
        "vision": prefs_from_request(request),
        "vision_sizes": SIZES,
        "vision_schemes": SCHEMES,
        "vision_images": IMAGES,
    }
