"""Following feeds, sitemaps and pages: fetch politely, keep raw responses, index what is new."""
