/**
 * Capitalised words that end or belong to a phrase that is not a person: kinds of place and
 * organisation, well-known places, and the products and companies a computing student writes about.
 */

/** Last words of places, buildings and organisations: Walton Hall, Bletchley Park, Jennie Lee Building. */
export const PLACE_AND_ORGANISATION_ENDINGS: ReadonlySet<string> = new Set([
  'Hall', 'Street', 'St', 'Road', 'Rd', 'Lane', 'Avenue', 'Ave', 'Close', 'Crescent', 'Drive', 'Park', 'Square',
  'Gardens', 'Grove', 'Terrace', 'Place', 'Way', 'Court', 'Mews', 'Row', 'Walk', 'Hill', 'Green', 'Bridge',
  'Campus', 'Centre', 'Center', 'House', 'Building', 'Buildings', 'Tower', 'Station', 'Airport', 'Library',
  'College', 'University', 'School', 'Academy', 'Hospital', 'Clinic', 'Surgery', 'Council', 'Institute',
  'Museum', 'Gallery', 'Theatre', 'Castle', 'Abbey', 'Cathedral', 'Church', 'Chapel', 'Estate', 'Village',
  'Town', 'City', 'County', 'Borough', 'District', 'Region', 'Valley', 'Forest', 'Island', 'Islands', 'Bay',
  'River', 'Lake', 'Port', 'Harbour', 'Ltd', 'Limited', 'plc', 'PLC', 'Inc', 'LLP', 'LLC', 'Group', 'Society',
  'Trust', 'Foundation', 'Association', 'Agency', 'Bank', 'Partners', 'Services', 'Systems', 'Solutions',
  'Technologies', 'Labs', 'Laboratory', 'Office', 'Department', 'Ministry', 'Authority', 'Commission', 'Committee',
  'Board', 'Union', 'Federation', 'Club', 'Hotel', 'Arena', 'Stadium', 'Market', 'Mall', 'Wharf', 'Quay', 'Cross',
  'Junction', 'Parkway', 'Highway', 'Motorway', 'Boulevard', 'Act', 'Regulation', 'Directive', 'Award', 'Prize',
  'Falls', 'Press', 'Publishing', 'Publishers', 'Organization', 'Organisation', 'Corporation', 'Company', 'Network',
  'Alliance', 'Institution', 'Fund', 'Programme', 'Partnership', 'Consortium',
]);

/**
 * The endings above that no person's name ends with, with a first name before them or not:
 * "Victoria Falls", "Victoria Station", "Elizabeth University". The others are surnames too
 * (Stuart Hall, Ricki Lake, Jo Green), so "first name + ending" stays a person there.
 */
export const NEVER_PERSON_ENDINGS: ReadonlySet<string> = new Set(
  [...PLACE_AND_ORGANISATION_ENDINGS].filter(
    (w) =>
      !['Hall', 'Lane', 'Close', 'Park', 'Grove', 'Place', 'Way', 'Court', 'Row', 'Walk', 'Hill', 'Green', 'Bridge', 'House', 'Tower', 'Castle', 'Abbey',
        'Church', 'Chapel', 'Town', 'Forest', 'Bay', 'River', 'Lake', 'Port', 'Bank', 'Market', 'Cross', 'St'].includes(w),
  ),
);

/**
 * Places a submission from the UK is likely to name (nations, regions, cities and large towns, OU
 * centres), as single words: a phrase holding one of them is a place, not a person. Words that are
 * also common surnames (Lincoln, Preston, Chester) are left out.
 */
export const PLACES: ReadonlySet<string> = new Set([
  'England', 'Scotland', 'Wales', 'Ireland', 'Britain', 'UK', 'Cymru', 'Alba', 'Éire', 'Europe', 'Africa', 'Asia',
  'America', 'Australia', 'Canada', 'India', 'Pakistan', 'Bangladesh', 'China', 'Japan', 'Korea', 'Nigeria',
  'Ghana', 'Kenya', 'Poland', 'Germany', 'France', 'Spain', 'Italy', 'Portugal', 'Netherlands', 'Belgium',
  'Sweden', 'Norway', 'Denmark', 'Finland', 'Greece', 'Turkey', 'Romania', 'Ukraine', 'Russia', 'Brazil',
  'Mexico', 'Argentina', 'Egypt', 'Israel', 'Iran', 'Iraq', 'Vietnam', 'Thailand', 'Malaysia', 'Singapore',
  'Indonesia', 'Philippines', 'Zealand', 'Africa', 'Dubai', 'Qatar', 'Saudi', 'Arabia', 'Emirates',
  'London', 'Birmingham', 'Manchester', 'Liverpool', 'Leeds', 'Sheffield', 'Bristol', 'Newcastle', 'Nottingham',
  'Leicester', 'Coventry', 'Bradford', 'Southampton', 'Portsmouth', 'Plymouth', 'Reading', 'Oxford', 'Cambridge',
  'Norwich', 'Ipswich', 'Brighton', 'Bournemouth', 'Exeter', 'Gloucester', 'Cheltenham', 'Swindon', 'Bath',
  'Northampton', 'Peterborough', 'Luton', 'Bedford', 'Keynes', 'Watford', 'Slough', 'Guildford', 'Canterbury',
  'Maidstone', 'Dover', 'Hull', 'Sunderland', 'Middlesbrough', 'Durham', 'Carlisle', 'Lancaster', 'Blackpool',
  'Bolton', 'Wigan', 'Stockport', 'Salford', 'Oldham', 'Huddersfield', 'Wakefield', 'Doncaster', 'Derby',
  'Stoke', 'Wolverhampton', 'Walsall', 'Dudley', 'Worcester', 'Hereford', 'Shrewsbury', 'Telford', 'Truro',
  'Edinburgh', 'Glasgow', 'Aberdeen', 'Dundee', 'Inverness', 'Stirling', 'Perth', 'Paisley', 'Cardiff',
  'Swansea', 'Newport', 'Wrexham', 'Bangor', 'Aberystwyth', 'Belfast', 'Derry', 'Londonderry', 'Dublin', 'Cork',
  'Galway', 'Limerick', 'Yorkshire', 'Lancashire', 'Cornwall', 'Devon', 'Kent', 'Essex', 'Sussex', 'Surrey',
  'Hampshire', 'Berkshire', 'Buckinghamshire', 'Oxfordshire', 'Cheshire', 'Cumbria', 'Northumberland',
  'Midlands', 'Highlands', 'Piccadilly', 'Tyne', 'Westminster', 'Camden', 'Hackney', 'Islington', 'Croydon',
  'Paris', 'Berlin', 'Madrid', 'Rome', 'Lisbon', 'Amsterdam', 'Brussels', 'Vienna', 'Prague', 'Warsaw',
  'Kraków', 'Budapest', 'Athens', 'Istanbul', 'Moscow', 'Kyiv', 'Stockholm', 'Oslo', 'Copenhagen', 'Helsinki',
  'Zürich', 'Geneva', 'Munich', 'Frankfurt', 'Hamburg', 'Barcelona', 'Milan', 'Lagos', 'Accra', 'Nairobi',
  'Cairo', 'Mumbai', 'Delhi', 'Bangalore', 'Karachi', 'Lahore', 'Dhaka', 'Beijing', 'Shanghai', 'Tokyo',
  'Seoul', 'Sydney', 'Melbourne', 'Toronto', 'Vancouver', 'Montreal', 'Boston', 'Chicago', 'Johannesburg',
  'Durban', 'Auckland',
]);

/** Companies and products named in computing coursework: "Microsoft Teams", "Google Docs". */
export const PRODUCTS_AND_COMPANIES: ReadonlySet<string> = new Set([
  'Microsoft', 'Google', 'Apple', 'Amazon', 'Facebook', 'Instagram', 'WhatsApp', 'Twitter', 'LinkedIn',
  'YouTube', 'Netflix', 'Spotify', 'Adobe', 'Oracle', 'Cisco', 'IBM', 'Intel', 'Nvidia', 'Samsung', 'Huawei',
  'Sony', 'Dell', 'Lenovo', 'Siemens', 'Linux', 'Ubuntu', 'Debian', 'Windows', 'Android', 'Python', 'Java',
  'Excel', 'PowerPoint', 'Outlook', 'OneDrive', 'SharePoint', 'Dropbox', 'Zoom', 'Slack', 'Skype', 'Jupyter',
  'Anaconda', 'Docker', 'Kubernetes', 'Azure', 'Firefox', 'Chrome', 'Safari', 'Mozilla', 'Wikipedia', 'Arduino',
  'Raspberry', 'Copilot', 'ChatGPT', 'OpenAI', 'Moodle', 'Tesco', 'Sainsbury', 'Barclays', 'Lloyds', 'NatWest',
  'Vodafone', 'Tesla', 'Uber', 'Airbnb', 'eBay', 'PayPal', 'Visa', 'Mastercard', 'Xbox', 'PlayStation', 'Nintendo',
]);

/**
 * Places named by more than one word, none of which is a place on its own (Sri Lanka, Tel Aviv,
 * Buenos Aires): a chain holding one of these phrases is a place. Written as the phrase, words
 * separated by one space; chains are compared pair by pair and three by three.
 */
export const MULTI_WORD_PLACES: ReadonlySet<string> = new Set([
  // Countries and territories
  'Sri Lanka', 'Costa Rica', 'Puerto Rico', 'El Salvador', 'New Zealand', 'South Africa', 'South Korea', 'North Korea',
  'South Sudan', 'Sierra Leone', 'Burkina Faso', 'Ivory Coast', 'Saudi Arabia', 'United States', 'United Kingdom',
  'United Arab Emirates', 'Czech Republic', 'Dominican Republic', 'Central African Republic', 'Papua New Guinea',
  'Equatorial Guinea', 'Cape Verde', 'San Marino', 'Sao Tome', 'São Tomé', 'Trinidad and Tobago', 'Antigua and Barbuda',
  'Bosnia and Herzegovina', 'North Macedonia', 'East Timor', 'Timor Leste', 'Hong Kong', 'Isle of Man',
  'Northern Ireland', 'Great Britain', 'Faroe Islands', 'Cayman Islands', 'Channel Islands',
  // Cities
  'New York', 'Los Angeles', 'San Francisco', 'San Diego', 'San Jose', 'Las Vegas', 'New Orleans', 'Salt Lake',
  'Rio de Janeiro', 'Sao Paulo', 'São Paulo', 'Buenos Aires', 'Mexico City', 'Panama City', 'Kuala Lumpur',
  'Abu Dhabi', 'Tel Aviv', 'Cape Town', 'New Delhi', 'Ho Chi Minh', 'Hong Kong', 'Addis Ababa', 'Dar es Salaam',
  'Port Louis', 'Santo Domingo', 'La Paz', 'Quezon City', 'Phnom Penh', 'Sharm el Sheikh',
  'Frankfurt am Main', 'Den Haag', 'The Hague', 'Tunbridge Wells', 'Hemel Hempstead', 'Milton Keynes',
  'Bury St Edmunds', 'Stoke on Trent', 'Newcastle upon Tyne', 'Kingston upon Hull', 'Southend on Sea',
  'St Albans', 'St Andrews', 'St Davids', 'St Helens', 'St Ives', 'Port Talbot', 'Merthyr Tydfil', 'Milford Haven',
  // Mountains, lakes, regions
  'Ben Nevis', 'Loch Ness', 'Loch Lomond', 'Lake District', 'Peak District', 'Yr Wyddfa', 'Scafell Pike',
  'Mont Blanc', 'Table Mountain', 'Silicon Valley', 'Middle East', 'Far East', 'South East Asia',
  'West Midlands', 'East Midlands', 'East Anglia', 'Home Counties',
]);

/**
 * Words that open the name of a place: "Loch Ness", "Lake Como", "Mount Kenya", "Isle of Skye".
 * None of them is a first name.
 */
export const PLACE_OPENINGS: ReadonlySet<string> = new Set(['Loch', 'Lough', 'Lake', 'Llyn', 'Mount', 'Mt', 'Isle', 'Cape', 'Fort']);
